import Foundation
import LakeAWS
import LakeCore
import LakeEngine

/// What `lake aws bootstrap` makes for a lake.yaml: the layout's buckets; every queue the
/// engine uses with the options it checks at start (dead-letter queues first, stage-A queues
/// FIFO); the Octagon tables; one Glue database per dataset; SSM parameters under
/// `/SDLF/<env>/` naming buckets, tables and queue URLs; the raw bucket's event
/// notification (objects created and removed) to the catalog queue; and for each `glue-job`
/// dataset with a `script`, the script uploaded to the artifacts zone and its Glue job.
enum AWSLakePlan {
    /// The S3 events the raw bucket sends to the catalog queue.
    static let landingEvents = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]

    /// The root of the lake's SSM parameters: `/SDLF/<env>`, so environments can share an account.
    static func parameterRoot(environment: String) -> String { "/SDLF/\(environment)" }

    /// The bootstrap plan of `config` on `lake`. `tuning` must be the one the engine runs with
    /// (``AWSBackend/tuning(_:)``), since the engine refuses queues created with other options.
    static func make(config: LakeConfig, kinds: PipelineKindRegistry, lake: AWSLake, tuning: EngineTuning = AWSBackend.tuning()) throws -> AWSBootstrapPlan {
        try make(config: config, kinds: kinds, layout: lake.layout, tables: lake.tables, tuning: tuning)
    }

    /// The same plan without a connection: from the lake's layout and tables (what
    /// `lake aws template` synthesizes its stacks from).
    static func make(
        config: LakeConfig, kinds: PipelineKindRegistry, layout: S3ZoneLayout, tables: DynamoMetadataTables,
        tuning: EngineTuning = AWSBackend.tuning()
    ) throws -> AWSBootstrapPlan {
        let topology = Topology(config: config, kinds: kinds)
        let queues = topology.queueSpecs(tuning: tuning).map { AWSQueueSpec(name: $0.0, options: $0.1) }
        var databases: [String] = []
        for dataset in config.datasets {
            let name = CatalogDatabase.name(org: config.org, app: config.app, environment: config.environment, dataset: dataset.ref)
            if !databases.contains(name) { databases.append(name) }
        }
        let rawPrefix = layout.keyPrefix(for: .raw)
        var plan = AWSBootstrap.plan(
            layout: layout, tables: tables, environment: config.environment, queues: queues, databases: databases,
            notifications: [
                (bucket: layout.bucket(for: .raw), queue: topology.names.catalog, events: landingEvents, prefix: rawPrefix.isEmpty ? nil : rawPrefix)
            ],
            parameterRoot: parameterRoot(environment: config.environment), queueParameters: queueParameters(topology),
            extraTables: config.wfm.map { DynamoWorkflowTables(team: $0.team, environment: config.environment).specs } ?? [])
        plan.actions += try glueJobActions(config: config, topology: topology, layout: layout)
        return plan
    }

    /// For each dataset whose stage B is `glue-job` with a `script`: the script's upload (when
    /// it is a local file) and the job, running as the `role` option or the team's Glue role.
    static func glueJobActions(config: LakeConfig, topology: Topology, layout: S3ZoneLayout) throws -> [AWSBootstrapAction] {
        var actions: [AWSBootstrapAction] = []
        for unit in topology.sortedDatasets where unit.stageBTransform == "glue-job" {
            let settings: GlueJobSettings
            do {
                settings = try GlueJobSettings(options: unit.stageBOptions)
            } catch var error as LakeError {
                error.context["dataset"] = unit.ref.description
                throw error
            }
            guard let script = settings.script else { continue }
            let ref = unit.ref
            let location: String
            if script.hasPrefix("s3://") {
                location = script
            } else {
                let file = URL(fileURLWithPath: script, relativeTo: config.baseDirectory).standardizedFileURL
                let key = GlueJobDefinition.scriptKey(team: ref.team, dataset: ref.dataset, fileName: file.lastPathComponent)
                location = S3Client.uri(bucket: layout.bucket(for: .artifacts), key: layout.keyPrefix(for: .artifacts) + key)
                actions.append(.uploadScript(file: file.path, key: key, uri: location))
            }
            let stageB = unit.pipeline.stageB
            let timeout = stageB?.timeout.seconds ?? 3600
            actions.append(.createJob(GlueJobDefinition(
                name: settings.jobName(environment: config.environment, dataset: ref),
                role: settings.role(environment: config.environment, team: ref.team), scriptLocation: location,
                workerType: settings.workerType, numberOfWorkers: settings.numberOfWorkers, glueVersion: settings.glueVersion,
                maxConcurrentRuns: max(1, stageB?.maxConcurrent ?? 1), timeoutMinutes: max(1, Int((timeout / 60).rounded(.up))),
                team: ref.team, dataset: ref.dataset)))
        }
        return actions
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
