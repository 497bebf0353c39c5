import Foundation

/// An execution the simulator holds: what was asked, when, how it will end, and whether it was
/// cancelled. Its status is not stored: ``ExecutionLifecycle`` derives it from the clock.
struct SimulatedExecution: Sendable, Hashable {
    /// How the execution ends when nobody cancels it.
    enum Outcome: Sendable, Hashable {
        case succeed
        case fail(reason: String)
        case reject(reason: String)
    }

    var id: String
    /// Creation order within the tenant (the listing's order and its paging cursor).
    var sequence: Int
    var request: ExecutionRequest
    var window: TimeWindow
    var createTime: Date
    var outcome: Outcome
    var cancelledAt: Date?
    /// Whether it came in through the admin route (submitted "by another tool").
    var outside: Bool
}

/// The statuses the simulator gives executions.
enum ExecutionStatus: String, Sendable, Hashable {
    case pending = "PENDING", running = "RUNNING", succeeded = "SUCCEEDED", failed = "FAILED"
    case cancelled = "CANCELLED", rejected = "REJECTED"

    /// Whether the execution still counts against the concurrency limit.
    var isActive: Bool { self == .pending || self == .running }
}

/// Where an execution is at one instant: its status, when that status began, and why.
struct ExecutionPhase: Sendable, Hashable {
    var status: ExecutionStatus
    var since: Date
    var reason: String?
}
