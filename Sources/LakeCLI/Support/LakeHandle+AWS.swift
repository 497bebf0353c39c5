import Foundation
import LakeAWS
import LakeCore
import LakeEngine
import Logging

extension LakeHandle {
    /// Opens a lake on AWS: S3, SQS, DynamoDB and Glue through one ``AWSLake`` (credentials,
    /// region and endpoints resolved as the AWS CLI resolves them, then lake.yaml), and a local
    /// scratch directory for transforms (``AWSWorkDirectory``). Landing needs no source of our
    /// own: S3 event notifications of the raw bucket feed the catalog queue (`lake aws bootstrap`
    /// sets them up). The engine is assembled as on the embedded backend (``assemble(_:landingSources:options:embedded:)``).
    /// The connection closes when the command returns (``AWSConnections``).
    static func openAWS(
        config: LakeConfig, storage: AWSStorageConfig, logger: Logger, options: EngineOptions
    ) async throws -> LakeHandle {
        var options = options
        options.tuning = awsTuning(options.tuning)
        let lake = try await connectAWS(config: config, storage: storage, clock: options.clock)
        let work = try AWSWorkDirectory.create(environment: config.environment)
        AWSConnections.onClose { AWSWorkDirectory.remove(work) }
        let env = LakeEnvironment(
            config: config, objects: lake.objects, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
            clock: options.clock, transforms: CLIContext.registry, logger: logger, workDirectory: work, tuning: options.tuning)
        return assemble(env, landingSources: [], options: options, embedded: nil)
    }

    /// The engine's timing on AWS: receive limits within what SQS accepts (the engine's 1000
    /// receives for stage-B queues is more than ``SQSQueueService/maxReceiveCountLimit``), and
    /// idle services polling every second instead of every 200 ms: SQS cannot wake a waiting
    /// worker, and an idle worker then makes about 13 requests a second instead of 50 (measured
    /// on moto), for at most a second more latency per stage on an idle lake.
    /// `lake aws bootstrap` creates the queues with these settings, which the engine checks.
    static func awsTuning(_ tuning: EngineTuning = EngineTuning()) -> EngineTuning {
        var tuning = tuning
        tuning.maxReceiveCount = min(tuning.maxReceiveCount, SQSQueueService.maxReceiveCountLimit)
        tuning.stageBMaxReceiveCount = min(tuning.stageBMaxReceiveCount, SQSQueueService.maxReceiveCountLimit)
        tuning.idleWait = max(tuning.idleWait, .seconds(1))
        return tuning
    }

    /// Connects to AWS for `config` and registers the connection to be shut down when the
    /// command returns. Makes no AWS call.
    static func connectAWS(config: LakeConfig, storage: AWSStorageConfig, clock: any LakeClock) async throws -> AWSLake {
        let lake = try await AWSLake.connect(config: storage, environment: config.environment, org: config.org, app: config.app, clock: clock)
        AWSConnections.register(lake)
        return lake
    }
}
