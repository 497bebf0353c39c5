import LakeCore

/// What the config implies at run time: each team's pipelines (stage-A units), each dataset's
/// registration by its pipeline's kind (stages, resolved transforms and options), and the
/// queues they use.
public struct Topology: Sendable {
    /// A team running one pipeline: one stage-A FIFO queue per WLM level, one dead-letter queue.
    public struct StageAUnit: Sendable {
        public var team: String
        public var pipeline: PipelineConfig
        /// Highest level first.
        public var queues: [(level: String, queue: QueueName)]
        public var deadLetter: QueueName
        public var pipelineId: String { "\(team)-\(pipeline.name)" }
        /// Whether any dataset of this team pipeline runs stage B (a stage-B router runs for it).
        public var runsStageB: Bool
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
        public var hasStageB: Bool { stageBTransform != nil }
        public func stageBQueue(level: String) -> QueueName? { stageBQueues.first { $0.level == level }?.queue ?? stageBQueues.last?.queue }
    }

    public var stageA: [StageAUnit]
    public var datasets: [DatasetRef: DatasetUnit]
    public var names: QueueNaming

    /// Registers every dataset of `config` with its pipeline's kind from `kinds`. A pipeline
    /// whose type is not registered (a config that was not validated) runs stage B when it has
    /// stage-B settings.
    public init(config: LakeConfig, kinds: PipelineKindRegistry = .builtIn) {
        let names = QueueNaming(environment: config.environment)
        self.names = names
        var units: [StageAUnit] = []
        var seen = Set<String>()
        var datasets: [DatasetRef: DatasetUnit] = [:]
        let levels = config.wlm.effectiveLevels
        for dataset in config.datasets {
            guard let pipeline = config.pipeline(named: dataset.pipeline) else { continue }
            let kind: any PipelineKind = kinds.kind(named: pipeline.type) ?? UnregisteredKind(name: pipeline.type, runsStageB: pipeline.stageB != nil)
            let registration = kind.register(dataset, on: pipeline)
            if seen.insert("\(dataset.team)/\(pipeline.name)").inserted {
                units.append(StageAUnit(
                    team: dataset.team, pipeline: pipeline,
                    queues: levels.map { ($0, names.stageA(team: dataset.team, pipeline: pipeline.name, level: $0)) },
                    deadLetter: names.stageADeadLetter(team: dataset.team, pipeline: pipeline.name), runsStageB: false))
            }
            if registration.stageB != nil, let index = units.firstIndex(where: { $0.team == dataset.team && $0.pipeline.name == pipeline.name }) {
                units[index].runsStageB = true
            }
            datasets[dataset.ref] = DatasetUnit(
                config: dataset, pipeline: pipeline,
                stageATransform: registration.stageA.transform, stageAOptions: registration.stageA.options,
                stageBTransform: registration.stageB?.transform, stageBOptions: registration.stageB?.options ?? [:],
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

    /// The dataset whose analytics database is `database`, or `.notFound` listing the databases.
    public func dataset(ofAnalyticsDatabase database: String, naming: CatalogNaming) throws -> DatasetUnit {
        if let unit = sortedDatasets.first(where: { naming.analyticsDatabase($0.ref) == database }) { return unit }
        throw LakeError(
            .notFound, "no dataset has the analytics database '\(database)'",
            hint: "databases: " + sortedDatasets.map { naming.analyticsDatabase($0.ref) }.joined(separator: ", "), context: ["database": database])
    }

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

/// Stands in for a pipeline type that is not registered, so an unvalidated config still maps
/// to queues (`lake status` on a config written for a custom binary).
private struct UnregisteredKind: PipelineKind {
    var name: String
    var summary: String { "not registered in this binary" }
    var runsStageB: Bool
}
