/// Everything the simulator holds for one tenant path: its workflows, executions and
/// schedules, the counters of its statistics, and the next execution sequence number.
struct TenantState: Sendable {
    var workflows: [String: [String: JSONValue]] = [:]
    var executions: [String: SimulatedExecution] = [:]
    var schedules: [String: [String: JSONValue]] = [:]
    var stats = AMCTenantStats()
    var nextSequence = 0

    /// The executions in creation order.
    var orderedExecutions: [SimulatedExecution] { executions.values.sorted { $0.sequence < $1.sequence } }
}
