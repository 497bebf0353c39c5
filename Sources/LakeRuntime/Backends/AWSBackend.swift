import Foundation
import LakeAWS
import LakeCore
import LakeEngine
import LakeSigV4
import AsyncHTTPClient

/// Opens the AWS adapters (S3, SQS, DynamoDB, Glue) of a lake: credentials, region and
/// endpoints resolved as the AWS CLI resolves them, then lake.yaml.
enum AWSBackend {
    /// Connects (no AWS call yet).
    static func connect(
        _ storage: AWSStorageConfig, config: LakeConfig, clock: any LakeClock, variables: [String: String]? = nil
    ) async throws -> AWSLake {
        try await AWSLake.connect(
            config: storage, environment: config.environment, org: config.org, app: config.app, clock: clock,
            awsEnvironment: variables.map(AWSEnvironment.init) ?? .process)
    }

    /// The AWS credentials of the workflow manager's SigV4 tenants: the lake's own provider on
    /// AWS (one cache for both); elsewhere the chain resolved from `variables` (region
    /// `us-east-1` when none is configured: it only places STS calls, tenants sign for their
    /// own region), fetched over AsyncHTTPClient's shared client. Nil when the chain finds
    /// nothing.
    static func credentialProvider(backend: Backend, variables: [String: String]?) -> (any AWSCredentialProvider)? {
        if case .aws(let lake, _) = backend { return lake.transport.credentialProvider }
        guard let settings = try? AWSSettings.resolve(
            environment: variables.map(AWSEnvironment.init) ?? .process, configRegion: "us-east-1")
        else { return nil }
        return settings.credentials.makeProvider(context: AWSCredentialContext(settings: settings, httpClient: .shared))
    }

    /// The engine's timing on AWS: receive limits within what SQS accepts (the engine's 1000
    /// receives for stage-B queues is more than ``SQSQueueService/maxReceiveCountLimit``), and
    /// idle services polling every second instead of every 200 ms: SQS cannot wake a waiting
    /// worker, and an idle worker then makes about 13 requests a second instead of 50 (measured
    /// on moto), for at most a second more latency per stage on an idle lake.
    /// `lake aws bootstrap` creates the queues with these settings, which the engine checks.
    static func tuning(_ tuning: EngineTuning = EngineTuning()) -> EngineTuning {
        var tuning = tuning
        tuning.maxReceiveCount = min(tuning.maxReceiveCount, SQSQueueService.maxReceiveCountLimit)
        tuning.stageBMaxReceiveCount = min(tuning.stageBMaxReceiveCount, SQSQueueService.maxReceiveCountLimit)
        tuning.idleWait = max(tuning.idleWait, .seconds(1))
        return tuning
    }

    /// Fails with a one-line `.notFound` when the lake's catalog queue does not exist (the lake
    /// was never bootstrapped or prepared).
    static func requireExisting(_ lake: AWSLake, config: LakeConfig) async throws {
        let catalog = QueueNaming(environment: config.environment).catalog
        let found = try await lake.queues.listQueues(prefix: catalog.rawValue)
        guard found.contains(catalog) else {
            throw LakeError(.notFound, "no lake for environment \(config.environment) on AWS yet: `lake aws bootstrap` creates it")
        }
    }
}
