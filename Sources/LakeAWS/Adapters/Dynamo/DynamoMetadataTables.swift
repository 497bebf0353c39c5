/// The DynamoDB tables of Octagon for one environment, named as SDLF names them
/// (`octagon-<Name>-<env>`), plus `octagon-Manifests-<env>` for stage-B key claims and
/// `octagon-ExecutionSlots-<env>` for slot leases, and the WLM extension's `octagon-wlm-<env>`
/// for table priorities.
public struct DynamoMetadataTables: Sendable, Hashable {
    /// ObjectMetadata, keyed `id` (the object's URI).
    public var objects: String
    /// Datasets, keyed `name` (`<team>-<dataset>`).
    public var datasets: String
    /// Pipelines, keyed `name` (`<team>-<pipeline>-stage-a|b`).
    public var pipelines: String
    /// PipelineExecutionHistory, keyed `id`, expiring on `ttl`.
    public var executions: String
    /// Events, keyed `id`.
    public var events: String
    /// Manifests: one item per claimed key (`claim:<key>`) and per claiming execution
    /// (`execution:<id>`, the set of keys it tried), keyed `id`.
    public var manifests: String
    /// ExecutionSlots: one item per slot group, keyed `slot_group`, holding the leases.
    public var slots: String
    /// WLM priorities, keyed `name` (`<team>-<dataset>-<table>`), as the WLM extension names it.
    public var wlm: String

    /// The tables of `environment`.
    public init(environment: String) {
        func name(_ base: String) -> String { "octagon-\(base)-\(environment)" }
        objects = name("ObjectMetadata")
        datasets = name("Datasets")
        pipelines = name("Pipelines")
        executions = name("PipelineExecutionHistory")
        events = name("Events")
        manifests = name("Manifests")
        slots = name("ExecutionSlots")
        wlm = "octagon-wlm-\(environment)"
    }

    /// What to create: on-demand tables with string keys; executions expire on `ttl`.
    public var specs: [DynamoTableSpec] {
        [
            DynamoTableSpec(name: objects, keys: [.partition("id")]),
            DynamoTableSpec(name: datasets, keys: [.partition("name")]),
            DynamoTableSpec(name: pipelines, keys: [.partition("name")]),
            DynamoTableSpec(name: executions, keys: [.partition("id")], ttlAttribute: "ttl"),
            DynamoTableSpec(name: events, keys: [.partition("id")]),
            DynamoTableSpec(name: manifests, keys: [.partition("id")]),
            DynamoTableSpec(name: slots, keys: [.partition("slot_group")]),
            DynamoTableSpec(name: wlm, keys: [.partition("name")]),
        ]
    }
}
