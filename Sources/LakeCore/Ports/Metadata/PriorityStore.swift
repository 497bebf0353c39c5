import Foundation

/// Workload management's priority table (`octagon-wlm`): a WLM level per
/// `<team>-<dataset>-<table>`.
///
/// Guarantees (checked by `PriorityStoreContract`): upserts keyed by the table id; deletes are
/// idempotent.
public protocol PriorityStore: Sendable {
    /// Upserts table priorities.
    func setPriorities(_ priorities: [TablePriority]) async throws
    /// Deletes a priority row (the table falls back to its dataset's default level).
    func deletePriority(id: String) async throws
    /// Every priority row.
    func priorities() async throws -> [TablePriority]
}
