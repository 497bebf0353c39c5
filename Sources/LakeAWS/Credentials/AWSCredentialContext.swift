import AsyncHTTPClient
import Foundation
import LakeCore
import LakeSigV4
import Logging

/// What a credential source needs to fetch: the settings (STS's region and endpoint), the HTTP
/// client to call STS and the metadata endpoints over, and how to cache what it gets.
public struct AWSCredentialContext: Sendable {
    /// Region and endpoints (STS calls go to ``AWSSettings/endpoint(for:)`` `.sts`).
    public var settings: AWSSettings
    /// The HTTP client, shared with the transport.
    public var httpClient: HTTPClient
    /// When temporary credentials are refreshed.
    public var refreshPolicy: CachedCredentialProvider.RefreshPolicy
    /// How STS calls are retried.
    public var retry: RetryPolicy
    /// The environment `credential_process` programs get (on top of the process's own).
    public var processEnvironment: [String: String]
    /// Where refreshes and failures are logged.
    public var logger: Logger
    /// Wall-clock time (expirations are wall-clock times).
    public var now: @Sendable () -> Date

    /// A context over `httpClient`.
    public init(
        settings: AWSSettings, httpClient: HTTPClient, refreshPolicy: CachedCredentialProvider.RefreshPolicy = .init(),
        retry: RetryPolicy = RetryPolicy(), processEnvironment: [String: String] = [:],
        logger: Logger = Logger(label: "swiftlake.aws.credentials"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.settings = settings
        self.httpClient = httpClient
        self.refreshPolicy = refreshPolicy
        self.retry = retry
        self.processEnvironment = processEnvironment
        self.logger = logger
        self.now = now
    }
}

extension LakeError.Code {
    /// A credential source that is configured could not hand out credentials (the token file
    /// is unreadable, STS refused the role, the metadata service did not answer).
    public static let credentials = LakeError.Code(rawValue: "credentials")
}

extension AWSCredentialSource {
    /// The provider that hands out this source's credentials: the keys themselves, or a
    /// ``CachedCredentialProvider`` over the fetch.
    public func makeProvider(context: AWSCredentialContext) -> any AWSCredentialProvider {
        let label = description
        func cached(_ fetch: @escaping @Sendable () async throws -> AWSCredentials) -> CachedCredentialProvider {
            CachedCredentialProvider(label: label, policy: context.refreshPolicy, now: context.now, logger: context.logger, fetch: fetch)
        }
        switch self {
        case .keys(let credentials):
            return StaticCredentialProvider(credentials)
        case .webIdentity(let web):
            let sts = STSClient(transport: context.stsTransport(signedBy: UnsignedOnly()))
            return cached { try await WebIdentityFetcher(web: web, sts: sts, label: label, now: context.now).fetch() }
        case .assumeRole(let role, let source):
            let sts = STSClient(transport: context.stsTransport(signedBy: source.makeProvider(context: context)))
            return cached { try await AssumeRoleFetcher(role: role, sts: sts, label: label, now: context.now).fetch() }
        case .process(let process):
            let environment = context.processEnvironment
            return cached { try await ProcessCredentialFetcher(process: process, environment: environment, label: label).fetch() }
        case .container(let container):
            let http = MetadataHTTP(client: context.httpClient)
            return cached { try await ContainerCredentialFetcher(container: container, http: http, label: label).fetch() }
        case .instanceMetadata(let imds):
            let http = MetadataHTTP(client: context.httpClient)
            return cached { try await InstanceMetadataFetcher(imds: imds, http: http, label: label).fetch() }
        }
    }
}

extension AWSCredentialContext {
    /// A transport for STS calls over the shared client, signing with `provider`.
    func stsTransport(signedBy provider: any AWSCredentialProvider) -> AWSTransport {
        AWSTransport(settings: settings, credentialProvider: provider, retry: retry, httpClient: httpClient, logger: logger, now: now)
    }
}

/// The signer of unsigned calls: asked for credentials, it fails (nothing should ask).
struct UnsignedOnly: AWSCredentialProvider {
    func credentials() async throws -> AWSCredentials {
        throw LakeError(.internal, "an unsigned STS call asked for credentials", hint: "report this as a SwiftLake bug")
    }
}

/// `swiftlake-<unix time>`: the session name when none is configured (the SDKs make one alike).
func generatedSessionName(_ now: Date) -> String { "swiftlake-\(Int(now.timeIntervalSince1970))" }
