import Foundation

/// One execution the simulator accepted, as a benchmark sees it: when it arrived (the
/// simulator's clock, full precision) and with which parameters.
public struct AMCSubmission: Sendable, Hashable {
    public var tenant: String
    public var workflowExecutionId: String
    public var workflowId: String
    public var parameterValues: [String: String]
    public var createdAt: Date
    /// Submitted through the admin route (another tool), not the API.
    public var outside: Bool
}

extension AMCSimulatorState {
    /// Every execution the simulator holds, per tenant in creation order.
    public func submissions() -> [AMCSubmission] {
        tenants.keys.sorted().flatMap { name in
            (tenants[name]?.orderedExecutions ?? []).map {
                AMCSubmission(
                    tenant: name, workflowExecutionId: $0.id, workflowId: $0.request.workflowId, parameterValues: $0.request.parameterValues,
                    createdAt: $0.createTime, outside: $0.outside)
            }
        }
    }
}
