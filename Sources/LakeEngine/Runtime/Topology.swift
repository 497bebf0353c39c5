import LakeCore

/// What the config implies at run time: each team's pipelines (stage-A units), each dataset's
/// resolved transforms and options, and the queues they use.
public struct Topology: Sendable {
    /// A team running one pipeline: one stage-A FIFO queue per WLM level, one dead-letter queue.
    public struct StageAUnit: Sendable {
        public var team: String
        public var pipeline: PipelineConfig
        /// Highest level first.
        public var queues: [(level: String, queue: QueueName)]
        public var deadLetter: QueueName
        public var pipelineId: String { "\(team)-\(pipeline.name)" }
        public func queue(level: String) -> QueueName? { queues.first { $0.level == level }?.queue ?? queues.last?.queue }
    }

    /// A dataset with everything resolved.
    public struct DatasetUnit: Sendable {
        public var config: DatasetConfig
        public var pipeline: PipelineConfig
        public var stageATransform: String
        public var stageAOptions: TransformOptions
        public var stageBTransform: String?
        public var stageBOptions: TransformOptions
        /// Stage-B queues by WLM level, highest level first.
        public var stageBQueues: [(level: String, queue: QueueName)]
        public var stageBDeadLetter: QueueName
        public var ref: DatasetRef { config.ref }
        public var pipelineId: String { "\(config.team)-\(pipeline.name)" }
        public var hasStageB: Bool { pipeline.stageB != nil }
        public func stageBQueue(level: String) -> QueueName? { stageBQueues.first { $0.level == level }?.queue ?? stageBQueues.last?.queue }
    }

    public var stageA: [StageAUnit]
    public var datasets: [DatasetRef: DatasetUnit]
    public var names: QueueNaming

    public init(config: LakeConfig) {
        let names = QueueNaming(environment: config.environment)
        self.names = names
        var units: [StageAUnit] = []
        var seen = Set<String>()
        var datasets: [DatasetRef: DatasetUnit] = [:]
        let levels = config.wlm.effectiveLevels
        for dataset in config.datasets {
            guard let pipeline = config.pipeline(named: dataset.pipeline) else { continue }
            if seen.insert("\(dataset.team)/\(pipeline.name)").inserted {
                units.append(StageAUnit(
                    team: dataset.team, pipeline: pipeline,
                    queues: levels.map { ($0, names.stageA(team: dataset.team, pipeline: pipeline.name, level: $0)) },
                    deadLetter: names.stageADeadLetter(team: dataset.team, pipeline: pipeline.name)))
            }
            var aOptions = pipeline.stageA.options
            aOptions.merge(dataset.stageA.options) { _, new in new }
            var bOptions = pipeline.stageB?.options ?? [:]
            bOptions.merge(dataset.stageB.options) { _, new in new }
            datasets[dataset.ref] = DatasetUnit(
                config: dataset, pipeline: pipeline,
                stageATransform: dataset.stageA.transform ?? pipeline.stageA.transform, stageAOptions: aOptions,
                stageBTransform: pipeline.stageB.map { dataset.stageB.transform ?? $0.transform }, stageBOptions: bOptions,
                stageBQueues: levels.map { ($0, names.stageB(dataset.ref, level: $0)) },
                stageBDeadLetter: names.stageBDeadLetter(dataset.ref))
        }
        stageA = units.sorted { ($0.team, $0.pipeline.name) < ($1.team, $1.pipeline.name) }
        self.datasets = datasets
    }

    /// The stage-A unit (team pipeline) that runs `dataset`.
    public func stageAUnit(of dataset: DatasetUnit) -> StageAUnit? {
        stageA.first { $0.team == dataset.ref.team && $0.pipeline.name == dataset.pipeline.name }
    }

    /// Datasets in a stable order.
    public var sortedDatasets: [DatasetUnit] { datasets.values.sorted { $0.ref < $1.ref } }

    /// Every queue the engine uses, with its options.
    public func queueSpecs(tuning: EngineTuning) -> [(QueueName, QueueOptions)] {
        var specs: [(QueueName, QueueOptions)] = []
        let visibility = tuning.visibilityTimeout
        specs.append((names.catalogDeadLetter, QueueOptions(visibilityTimeout: visibility)))
        specs.append((names.routingDeadLetter, QueueOptions(visibilityTimeout: visibility)))
        specs.append((names.catalog, QueueOptions(visibilityTimeout: visibility, maxReceiveCount: tuning.maxReceiveCount, deadLetterQueue: names.catalogDeadLetter)))
        for unit in stageA {
            specs.append((unit.deadLetter, QueueOptions(visibilityTimeout: visibility)))
            for (_, queue) in unit.queues {
                specs.append((queue, QueueOptions(visibilityTimeout: visibility, maxReceiveCount: tuning.maxReceiveCount, deadLetterQueue: unit.deadLetter)))
            }
        }
        // Stage-B routing may return messages it received but has no slot for; that must not
        // count towards dead-lettering, so these queues allow many receives. Crash loops are
        // bounded by the execution's attempt count instead (EngineTuning.maxAttempts).
        for unit in sortedDatasets where unit.hasStageB {
            specs.append((unit.stageBDeadLetter, QueueOptions(visibilityTimeout: visibility)))
            for (_, queue) in unit.stageBQueues {
                specs.append((queue, QueueOptions(visibilityTimeout: visibility, maxReceiveCount: tuning.stageBMaxReceiveCount, deadLetterQueue: unit.stageBDeadLetter)))
            }
        }
        return specs
    }
}
