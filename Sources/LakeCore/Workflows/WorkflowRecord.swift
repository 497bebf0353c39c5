import Foundation

/// A workflow of one tenant: the AMC workflow body as the user gave it (JSON text: `workflowId`,
/// `sqlQuery`, `inputParameters`, `outputColumns`, the privacy and output options) and whether
/// the tenant's API has it yet.
public struct WorkflowRecord: Sendable, Hashable, Codable {
    /// Where the record stands against the tenant's API.
    public enum SyncState: String, Sendable, Hashable, Codable, CaseIterable {
        /// The API has this version.
        case synced = "SYNCED"
        /// Not sent yet, or sending failed and `lake run` retries it.
        case pending = "PENDING"
        /// Deleted here; the API still has it until the delete goes through.
        case deleting = "DELETING"
    }

    public var tenant: String
    public var workflowId: String
    /// The AMC workflow body, JSON.
    public var body: String
    public var syncState: SyncState
    /// Why the last sync failed, when it did.
    public var syncError: String?
    public var syncedAt: Date?
    public var updatedAt: Date

    public init(tenant: String, workflowId: String, body: String, syncState: SyncState = .pending, updatedAt: Date) {
        self.tenant = tenant
        self.workflowId = workflowId
        self.body = body
        self.syncState = syncState
        self.syncError = nil
        self.syncedAt = nil
        self.updatedAt = updatedAt
    }
}
