import Foundation

/// Each tenant's workflows and their sync state (the reference's AMCWorkflows table).
///
/// Guarantees (checked by `WorkflowStoreContract`): upserts keyed by (tenant, workflow id);
/// deletes idempotent; listings by workflow id.
public protocol WorkflowStore: Sendable {
    func putWorkflow(_ workflow: WorkflowRecord) async throws
    func workflow(tenant: String, id: String) async throws -> WorkflowRecord?
    /// The workflows of `tenant`, or of every tenant when nil.
    func workflows(tenant: String?) async throws -> [WorkflowRecord]
    func deleteWorkflow(tenant: String, id: String) async throws
}
