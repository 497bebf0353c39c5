import Foundation
import LakeCore

/// Finds the executions worth submitting again: those that failed, were rejected or vanished
/// (FAILED, REJECTED, DELETED) recently, once per request, unless the same request already
/// succeeded, is running or is waiting to run.
public enum ResubmissionFinder {
    /// The statuses that make an execution a candidate.
    public static let retryableStatuses: Set<WorkflowExecutionStatus> = [.failed, .rejected, .deleted]
    /// The statuses of a twin that make resubmitting unnecessary.
    public static let settledStatuses: Set<WorkflowExecutionStatus> = [.succeeded, .running, .pending]

    /// The candidates among `executions` created at or after `since`: one per request (tenant,
    /// workflow, window start, end, time zone, type and parameter values) — the newest — and none
    /// for a request with a SUCCEEDED, RUNNING or PENDING execution of any age. Newest first; ties
    /// by tenant, workflow and execution id.
    public static func candidates(in executions: [WorkflowExecutionSummary], since: Date) -> [WorkflowExecutionSummary] {
        let settled = Set(executions.lazy.filter { settledStatuses.contains($0.status) }.map(\.requestKey))
        var newest: [WorkflowExecutionSummary.RequestKey: WorkflowExecutionSummary] = [:]
        for execution in executions where retryableStatuses.contains(execution.status) && execution.createTime >= since {
            let key = execution.requestKey
            guard !settled.contains(key) else { continue }
            if let kept = newest[key], !isBefore(execution, kept) { continue }
            newest[key] = execution
        }
        return newest.values.sorted(by: isBefore)
    }

    /// Newest first, then tenant, workflow and execution id: a total order for deterministic output.
    private static func isBefore(_ a: WorkflowExecutionSummary, _ b: WorkflowExecutionSummary) -> Bool {
        if a.createTime != b.createTime { return a.createTime > b.createTime }
        return (a.tenant, a.workflowId, a.workflowExecutionId) < (b.tenant, b.workflowId, b.workflowExecutionId)
    }
}
