import Foundation

/// The status of every workflow execution the manager knows (the reference's
/// AMCExecutionStatus table), submitted by it or found by the status sync.
///
/// Guarantees (checked by `WorkflowExecutionStoreContract`): upserts keyed by (tenant, execution
/// id); inserts that never replace a stored record; queries newest first by creation time;
/// counts of active executions exact.
public protocol WorkflowExecutionStore: Sendable {
    /// Upserts whole records.
    func saveWorkflowExecutions(_ records: [WorkflowExecutionRecord]) async throws
    /// Inserts the records not stored yet and leaves those that are untouched (the status
    /// sync's inserts of executions it found, which must not overwrite what the consumer recorded
    /// for an execution it submitted meanwhile); returns the ids of those inserted.
    @discardableResult
    func insertWorkflowExecutionsIfAbsent(_ records: [WorkflowExecutionRecord]) async throws -> Set<String>
    func workflowExecution(tenant: String, id: String) async throws -> WorkflowExecutionRecord?
    func workflowExecutions(matching query: WorkflowExecutionQuery) async throws -> [WorkflowExecutionRecord]
    /// PENDING plus RUNNING executions of `tenant`: what counts against its cap.
    func activeWorkflowExecutions(tenant: String) async throws -> Int
    /// Deletes records whose `expiresAt` is before `now`; returns how many.
    func purgeWorkflowExecutions(expiredBefore now: Date) async throws -> Int
}
