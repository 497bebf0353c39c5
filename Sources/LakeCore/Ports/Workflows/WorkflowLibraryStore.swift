import Foundation

/// The workflow library (TPS): items keyed by `workflowId`, removed ones kept as tombstones so
/// a later sync still removes their deployed copies.
///
/// Guarantees (checked by `WorkflowLibraryStoreContract`): upserts keyed by `workflowId`;
/// `libraryItems()` in `workflowId` order, tombstones included.
public protocol WorkflowLibraryStore: Sendable {
    func putLibraryItem(_ item: LibraryItem) async throws
    func libraryItem(workflowId: String) async throws -> LibraryItem?
    func libraryItems() async throws -> [LibraryItem]
    func deleteLibraryItem(workflowId: String) async throws
}
