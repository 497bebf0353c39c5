import Foundation
import LakeCore
import Logging

/// Everything the engine needs, injected: the four ports, the clock, the config, the transform
/// and pipeline-kind registries and a logger. The executable builds one from embedded or AWS adapters; the engine
/// never knows which.
public struct LakeEnvironment: Sendable {
    public var config: LakeConfig
    public var objects: any ObjectStore
    public var queues: any QueueService
    public var metadata: any MetadataStore
    public var catalog: any TableCatalog
    public var clock: any LakeClock
    public var ids: any IDGenerator
    public var transforms: TransformRegistry
    /// Pipeline kinds by name; the topology asks them what each dataset runs.
    public var pipelineKinds: PipelineKindRegistry
    public var logger: Logger
    /// Local scratch space for transform inputs and outputs.
    public var workDirectory: URL
    public var tuning: EngineTuning
    /// Called whenever an execution ends (COMPLETED or FAILED); for progress and benchmarks.
    public var onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)?
    /// Hears what teams may want to be told (failures, dead letters); must return at once.
    public var onNotification: (@Sendable (LakeNotification) -> Void)?
    /// The data-quality metrics repository; nil: quality results are not kept.
    public var quality: (any QualityStore)?
    /// Wall time per engine step (`lake bench pipeline --profile`); nil: not measured.
    public var timings: StepTimings?

    public init(
        config: LakeConfig, objects: any ObjectStore, queues: any QueueService, metadata: any MetadataStore,
        catalog: any TableCatalog, clock: any LakeClock = SystemClock(), ids: any IDGenerator = RandomIDGenerator(),
        transforms: TransformRegistry = .builtIn, pipelineKinds: PipelineKindRegistry = .builtIn, logger: Logger = Logger(label: "swiftlake"),
        workDirectory: URL, tuning: EngineTuning = EngineTuning()
    ) {
        self.config = config
        self.objects = objects
        self.queues = queues
        self.metadata = metadata
        self.catalog = catalog
        self.clock = clock
        self.ids = ids
        self.transforms = transforms
        self.pipelineKinds = pipelineKinds
        self.logger = logger
        self.workDirectory = workDirectory
        self.tuning = tuning
    }

    public var names: QueueNaming { QueueNaming(environment: config.environment) }
}

/// Timing knobs of the engine, with production defaults. Tests shorten them.
public struct EngineTuning: Sendable, Hashable {
    /// Lease on a received message; extended while its work runs.
    public var visibilityTimeout: Duration = .seconds(60)
    /// How often held leases are extended.
    public var leaseRenewInterval: Duration = .seconds(20)
    /// Receives before a message moves to its dead-letter queue (crash loops).
    public var maxReceiveCount: Int = 5
    /// Receives allowed on stage-B queues, where WLM routing may hand messages back.
    public var stageBMaxReceiveCount: Int = 1000
    /// Attempts of one stage-B execution (resumptions after crashes) before it is failed.
    public var maxAttempts: Int = 5
    /// With the `event` trigger, a batch smaller than `max_items` waits up to this long while
    /// the pipeline's stage A still has work (more keys are coming); on an idle lake it starts
    /// at once. Fuller batches mean fewer, larger Parquet files.
    public var batchWindow: Duration = .seconds(2)
    /// Objects the catalog step puts into one stage-A message (objects of one dataset that
    /// land together and go to the same queue). A dataset is one FIFO group, which hands out
    /// one receive (at most 10 messages) at a time: this sets how much one stage-A round of a
    /// dataset can take.
    public var stageAObjectsPerMessage: Int = 20
    /// Stage-A workers per team pipeline. A FIFO group (a dataset) has one batch in flight at
    /// a time, so lanes overlap only when several datasets have work.
    public var stageALanes: Int = 3
    /// How often table priorities are re-read from the metadata store.
    public var priorityRefresh: Duration = .seconds(1)
    /// A RUNNING execution whose heartbeat is older than this belongs to a dead worker.
    public var staleAfter: Duration = .seconds(90)
    /// Stage-B job status poll interval.
    public var jobPollInterval: Duration = .seconds(1)
    /// How long an idle service waits for activity before looking again.
    public var idleWait: Duration = .milliseconds(200)
    /// Retry delay after an infrastructure error on a message.
    public var retryDelay: Duration = .seconds(2)
    public init() {}
}
