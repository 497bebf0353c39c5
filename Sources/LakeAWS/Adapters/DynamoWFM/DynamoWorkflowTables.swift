/// The workflow manager's DynamoDB tables, named as the reference names them
/// (`wfm-<team>-<Name>-<env>`), plus `wfm-<team>-Leases-<env>` for the per-tenant consumer lease.
public struct DynamoWorkflowTables: Sendable, Hashable {
    /// CustomerConfig, keyed `customerId`.
    public var tenants: String
    /// AMCWorkflows, keyed `customerId` + `workflowId`.
    public var workflows: String
    /// AMCWorkflowSchedules, keyed `name`, with a GSI on expression + state.
    public var schedules: String
    /// AMCExecutionStatus, keyed `customerId` + `workflowExecutionId`, with a GSI on customer +
    /// status and TTL on `expireTimestamp`.
    public var executions: String
    /// Leases, keyed `name`.
    public var leases: String
    /// WorkflowLibrary, keyed `workflowId`.
    public var library: String

    public static let scheduleIndex = "expression-state-index"
    public static let statusIndex = "customerId-executionStatus-index"

    public init(team: String, environment: String) {
        func name(_ base: String) -> String { "wfm-\(team)-\(base)-\(environment)" }
        tenants = name("CustomerConfig")
        workflows = name("AMCWorkflows")
        schedules = name("AMCWorkflowSchedules")
        executions = name("AMCExecutionStatus")
        leases = name("Leases")
        library = name("WorkflowLibrary")
    }

    /// What `lake aws bootstrap` creates.
    public var specs: [DynamoTableSpec] {
        [
            DynamoTableSpec(name: tenants, keys: [.partition("customerId")]),
            DynamoTableSpec(name: workflows, keys: [.partition("customerId"), .sort("workflowId")]),
            DynamoTableSpec(
                name: schedules, keys: [.partition("name")],
                indexes: [DynamoIndex(name: Self.scheduleIndex, keys: [.partition("expression"), .sort("state")])]),
            DynamoTableSpec(
                name: executions, keys: [.partition("customerId"), .sort("workflowExecutionId")],
                indexes: [DynamoIndex(name: Self.statusIndex, keys: [.partition("customerId"), .sort("executionStatus")])],
                ttlAttribute: "expireTimestamp"),
            DynamoTableSpec(name: leases, keys: [.partition("name")]),
            DynamoTableSpec(name: library, keys: [.partition("workflowId")]),
        ]
    }
}
