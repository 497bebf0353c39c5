import Foundation
import LakeAWS
import LakeCore

extension LakeRuntime {
    /// Who the AWS credential chain resolves to (`lake aws whoami`): the chain's source, then
    /// STS `GetCallerIdentity` with its credentials. lake.yaml's AWS region and endpoint are
    /// used when `config` keeps the lake on AWS; otherwise only the environment and the shared
    /// files count. A source that cannot hand out credentials fails with its own error.
    public static func awsIdentity(
        _ config: LakeConfig?, profile: String? = nil, awsEnvironment: [String: String]? = nil
    ) async throws -> AWSIdentityView {
        var region: String?
        var endpoint: String?
        if let config, case .aws(let storage) = config.storage {
            region = storage.region
            endpoint = storage.endpoint
        }
        let settings = try AWSSettings.resolve(
            environment: awsEnvironment.map(AWSEnvironment.init) ?? .process, profile: profile, configRegion: region,
            configEndpoint: endpoint)
        let transport = AWSTransport(settings: settings, retry: RetryPolicy(maxAttempts: 3))
        do {
            let credentials = try await transport.credentialProvider.credentials()
            let identity = try await STSClient(transport: transport).callerIdentity()
            try? await transport.shutdown()
            return AWSIdentityView(
                account: identity.account, arn: identity.arn, userId: identity.userId,
                credentialSource: credentials.source, accessKeyId: "\(credentials.accessKeyId.prefix(4))****",
                temporary: credentials.sessionToken != nil, expiresAt: credentials.expiration, region: settings.region,
                profile: settings.profile, stsEndpoint: settings.endpoint(for: .sts).description)
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }
}
