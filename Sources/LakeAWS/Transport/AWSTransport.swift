import AsyncHTTPClient
import Foundation
import LakeCore
import LakeSigV4
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Signs and sends AWS calls over one shared AsyncHTTPClient, retrying throttling, 5xx and
/// connection failures with jittered exponential backoff (``RetryPolicy``).
///
/// Credentials come from ``credentialProvider``, asked before each request is signed: static
/// keys as they are, temporary credentials from a ``CachedCredentialProvider`` that refreshes
/// them before they expire. An `ExpiredToken` answer drops the cached credentials and the call
/// is retried once with fresh ones.
///
/// Every failure is thrown as a ``LakeError``: AWS errors with code `.remote` and context
/// `service`, `operation`, `awsCode`, `requestId`, `httpStatus`; connection failures with
/// code `.remote` and the endpoint. Credentials never appear in errors or logs.
///
/// Call ``shutdown()`` once when done: it shuts the HTTP client down when this transport
/// created it.
public final class AWSTransport: Sendable {
    /// Credentials, region and endpoints.
    public let settings: AWSSettings
    /// Where signing credentials come from (made from ``AWSSettings/credentials`` unless given).
    public let credentialProvider: any AWSCredentialProvider
    /// How failed calls are retried.
    public let retry: RetryPolicy
    let httpClient: HTTPClient
    private let ownsClient: Bool
    private let isShutDown = Mutex(false)
    let logger: Logger
    /// Wall-clock time for signatures (real time: AWS rejects skewed signatures).
    let now: @Sendable () -> Date

    /// Creates a transport. Without `httpClient`, it creates one (no redirects, the given
    /// connect timeout) and owns it. Without `credentialProvider`, the settings' credential
    /// source becomes one (fetching over the same HTTP client, refreshing per `refreshPolicy`).
    public init(
        settings: AWSSettings, credentialProvider: (any AWSCredentialProvider)? = nil, retry: RetryPolicy = RetryPolicy(),
        httpClient: HTTPClient? = nil, connectTimeout: Duration = .seconds(10),
        refreshPolicy: CachedCredentialProvider.RefreshPolicy = CachedCredentialProvider.RefreshPolicy(),
        logger: Logger = Logger(label: "swiftlake.aws"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.settings = settings
        self.retry = retry
        self.logger = logger
        self.now = now
        let client: HTTPClient
        if let httpClient {
            client = httpClient
            ownsClient = false
        } else {
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .nanoseconds(connectTimeout.nanosecondsClamped)))
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            ownsClient = true
        }
        self.httpClient = client
        self.credentialProvider = credentialProvider
            ?? settings.credentials.makeProvider(
                context: AWSCredentialContext(settings: settings, httpClient: client, refreshPolicy: refreshPolicy, logger: logger))
    }

    /// Shuts the owned HTTP client down; later calls fail. Safe to call more than once.
    public func shutdown() async throws {
        let first = isShutDown.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        if first && ownsClient { try await httpClient.shutdown() }
    }

    /// Sends `request`, retrying per ``retry``; returns a 2xx response with its body (at most
    /// `maxBodyBytes`), or throws.
    public func send(
        _ request: AWSRequest, timeout: Duration = .seconds(60), maxBodyBytes: Int = 64 << 20
    ) async throws -> AWSResponse {
        try await withRetries(request) { http in
            let response = try await self.httpClient.execute(http, timeout: .nanoseconds(timeout.nanosecondsClamped))
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            return AWSResponse(
                status: Int(response.status.code), headers: AWSTransport.flatten(response.headers),
                body: Data(buffer.readableBytesView))
        }
    }

    /// Runs one call with retries: `attempt` executes a signed request and returns the
    /// response; non-2xx responses are parsed into errors and retried when retryable.
    func withRetries(
        _ request: AWSRequest, _ attempt: (HTTPClientRequest) async throws -> AWSResponse
    ) async throws -> AWSResponse {
        let payloadHash = request.payloadHash ?? Hex.sha256(request.body)
        var generator = SystemRandomNumberGenerator()
        var attemptNumber = 0
        var renewedCredentials = false
        while true {
            attemptNumber += 1
            let http = try await prepare(request, payloadHash: payloadHash)
            let response: AWSResponse
            do {
                response = try await attempt(http)
            } catch let error as LakeError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attemptNumber < retry.maxAttempts, AWSTransport.isTransient(error) else {
                    throw connectionError(error, request: request, attempts: attemptNumber)
                }
                try await backoff(request, attemptNumber, reason: "connection failure", using: &generator)
                continue
            }
            if (200..<300).contains(response.status) { return response }
            let details = AWSErrorDetails(response: response)
            if request.isSigned, !renewedCredentials, let code = details.code, Self.expiredCredentialCodes.contains(code) {
                // Credentials the cache still thought valid (a clock behind AWS's): once, fresh ones.
                renewedCredentials = true
                await credentialProvider.invalidate()
                logger.debug("AWS said the credentials expired; fetching new ones", metadata: ["operation": "\(request.operation)"])
                continue
            }
            if attemptNumber < retry.maxAttempts && RetryPolicy.isRetryable(status: response.status, code: details.code) {
                try await backoff(request, attemptNumber, reason: details.code ?? "HTTP \(response.status)", using: &generator)
                continue
            }
            throw details.lakeError(
                service: request.service, operation: request.operation, status: response.status, attempts: attemptNumber)
        }
    }

    private func backoff(
        _ request: AWSRequest, _ attempt: Int, reason: String, using generator: inout SystemRandomNumberGenerator
    ) async throws {
        let delay = retry.delay(beforeRetry: attempt, using: &generator)
        logger.debug(
            "retrying AWS call",
            metadata: [
                "service": "\(request.service)", "operation": "\(request.operation)", "reason": "\(reason)",
                "attempt": "\(attempt)", "delayMs": "\(Int(delay.seconds * 1000))",
            ])
        try await Task.sleep(for: delay)
    }

    /// The endpoint a request goes to.
    func endpoint(for request: AWSRequest) -> AWSEndpoint {
        let base = settings.endpoint(for: request.service)
        return request.host.map { base.withHost($0) } ?? base
    }

    /// AWS error codes that mean the request's credentials have expired.
    static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    /// Signs the request now (credentials asked of ``credentialProvider``) and builds the HTTP request.
    func prepare(_ request: AWSRequest, payloadHash: String) async throws -> HTTPClientRequest {
        guard !isShutDown.withLock({ $0 }) else {
            throw LakeError(.remote, "the AWS transport was shut down", hint: "create a new AWSLake or transport")
        }
        let endpoint = endpoint(for: request)
        var headers = request.headers
        if request.sendsContentSHA256 { headers.append(HeaderField("x-amz-content-sha256", payloadHash)) }
        var signed: [HeaderField] = []
        if request.isSigned {
            let signer = SigV4Signer(
                credentials: try await credentialProvider.credentials(), region: settings.region, service: request.service.signingName)
            let signable = SigV4Request(
                method: request.method, host: endpoint.hostHeader, path: request.path, query: request.query, headers: headers,
                payloadHash: payloadHash)
            signed = signer.sign(signable, at: now()).headers
        }
        let query = request.query.isEmpty ? "" : "?" + QueryItem.encode(request.query)
        var http = HTTPClientRequest(url: endpoint.origin + request.path + query)
        http.method = HTTPMethod(rawValue: request.method)
        for header in headers + signed { http.headers.add(name: header.name, value: header.value) }
        http.headers.replaceOrAdd(name: "host", value: endpoint.hostHeader)
        http.headers.replaceOrAdd(name: "user-agent", value: "swiftlake/0.1 (LakeAWS)")
        if !request.body.isEmpty || request.method == "PUT" || request.method == "POST" {
            http.body = .bytes(request.body)
        }
        return http
    }

    private func connectionError(_ error: any Error, request: AWSRequest, attempts: Int) -> LakeError {
        LakeError(
            .remote, "could not complete AWS \(request.service) \(request.operation) at \(endpoint(for: request)): \(error)",
            hint: "check the network, the endpoint and the region", context: [
                "service": request.service.rawValue, "operation": request.operation, "attempts": String(attempts),
            ], underlying: SendableErrorBox(error))
    }

    /// Whether a transport-level error is worth retrying (not a bad URL or a shut-down client).
    static func isTransient(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError {
            let permanent: [HTTPClientError] = [
                .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .cancelled, .bodyLengthMismatch,
                .missingSocketPath,
            ]
            return !permanent.contains(client)
        }
        return true
    }

    static func flatten(_ headers: HTTPHeaders) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            out[key] = out[key].map { $0 + "," + value } ?? value
        }
        return out
    }
}

extension Duration {
    /// Nanoseconds as an `Int64`, clamped.
    var nanosecondsClamped: Int64 {
        let (seconds, atto) = components
        if seconds > Int64.max / 1_000_000_000 - 1 { return Int64.max }
        return seconds * 1_000_000_000 + atto / 1_000_000_000
    }
}
