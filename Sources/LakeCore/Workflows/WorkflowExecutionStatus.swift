/// The status of an AMC workflow execution, as AMC spells it.
public enum WorkflowExecutionStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// Accepted, waiting to run.
    case pending = "PENDING"
    /// Running.
    case running = "RUNNING"
    /// Finished running, publishing its results.
    case publishing = "PUBLISHING"
    /// Done, results published.
    case succeeded = "SUCCEEDED"
    /// Ran and failed.
    case failed = "FAILED"
    /// Refused by AMC before running.
    case rejected = "REJECTED"
    /// Cancelled by a user.
    case cancelled = "CANCELLED"
    /// No longer known to AMC (vanished between two status syncs).
    case deleted = "DELETED"

    /// PENDING and RUNNING: what counts against a tenant's concurrency cap (as in the reference).
    public var isActive: Bool { self == .pending || self == .running }

    /// Statuses a sync keeps fetching until they end.
    public var isUnfinished: Bool { self == .pending || self == .running || self == .publishing }
}
