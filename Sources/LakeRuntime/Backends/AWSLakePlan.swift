import LakeAWS
import LakeCore
import LakeEngine

/// What `lake aws bootstrap` makes for a lake.yaml: the layout's buckets; every queue the
/// engine uses with the options it checks at start (dead-letter queues first, stage-A queues
/// FIFO); the Octagon tables; one Glue database per dataset; SSM parameters under
/// `/SDLF/<env>/` naming buckets, tables and queue URLs; and the raw bucket's event
/// notification (objects created and removed) to the catalog queue.
enum AWSLakePlan {
    /// The S3 events the raw bucket sends to the catalog queue.
    static let landingEvents = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]

    /// The root of the lake's SSM parameters: `/SDLF/<env>`, so environments can share an account.
    static func parameterRoot(environment: String) -> String { "/SDLF/\(environment)" }

    /// The bootstrap plan of `config` on `lake`. `tuning` must be the one the engine runs with
    /// (``AWSBackend/tuning(_:)``), since the engine refuses queues created with other options.
    static func make(config: LakeConfig, kinds: PipelineKindRegistry, lake: AWSLake, tuning: EngineTuning = AWSBackend.tuning()) -> AWSBootstrapPlan {
        make(config: config, kinds: kinds, layout: lake.layout, tables: lake.tables, tuning: tuning)
    }

    /// The same plan without a connection: from the lake's layout and tables (what
    /// `lake aws template` synthesizes its stacks from).
    static func make(
        config: LakeConfig, kinds: PipelineKindRegistry, layout: S3ZoneLayout, tables: DynamoMetadataTables,
        tuning: EngineTuning = AWSBackend.tuning()
    ) -> AWSBootstrapPlan {
        let topology = Topology(config: config, kinds: kinds)
        let queues = topology.queueSpecs(tuning: tuning).map { AWSQueueSpec(name: $0.0, options: $0.1) }
        var databases: [String] = []
        for dataset in config.datasets {
            let name = CatalogDatabase.name(org: config.org, app: config.app, environment: config.environment, dataset: dataset.ref)
            if !databases.contains(name) { databases.append(name) }
        }
        let rawPrefix = layout.keyPrefix(for: .raw)
        return AWSBootstrap.plan(
            layout: layout, tables: tables, environment: config.environment, queues: queues, databases: databases,
            notifications: [
                (bucket: layout.bucket(for: .raw), queue: topology.names.catalog, events: landingEvents, prefix: rawPrefix.isEmpty ? nil : rawPrefix)
            ],
            parameterRoot: parameterRoot(environment: config.environment), queueParameters: queueParameters(topology),
            extraTables: config.wfm.map { DynamoWorkflowTables(team: $0.team, environment: config.environment).specs } ?? [])
    }

    /// SSM parameters holding queue URLs, named as SDLF names its queue parameters
    /// (`SQS/<team>/<pipeline>StageAQueue`), with one leaf per WLM level.
    static func queueParameters(_ topology: Topology) -> [(name: String, queue: QueueName)] {
        let names = topology.names
        var out: [(name: String, queue: QueueName)] = [
            ("SQS/CatalogQueue", names.catalog), ("SQS/CatalogDLQ", names.catalogDeadLetter), ("SQS/RoutingDLQ", names.routingDeadLetter),
        ]
        for unit in topology.stageA {
            for (level, queue) in unit.queues { out.append(("SQS/\(unit.team)/\(unit.pipeline.name)StageAQueue/\(level)", queue)) }
            out.append(("SQS/\(unit.team)/\(unit.pipeline.name)StageADLQ", unit.deadLetter))
        }
        for dataset in topology.sortedDatasets where dataset.hasStageB {
            let ref = dataset.ref
            for (level, queue) in dataset.stageBQueues { out.append(("SQS/\(ref.team)/\(ref.dataset)StageBQueue/\(level)", queue)) }
            out.append(("SQS/\(ref.team)/\(ref.dataset)StageBDLQ", dataset.stageBDeadLetter))
        }
        return out
    }
}
