import Foundation
import LakeCore

/// The dashboard's overview: executions per hour, dead letters, datasets overdue, what runs,
/// and the latest notifications.
public struct OverviewView: Sendable, Encodable {
    /// One hour of one stage: executions started in it, per status.
    public struct Hour: Sendable, Encodable {
        public var start: Date
        public var stage: String
        public var counts: [String: Int]
    }

    /// A dataset whose last COMPLETED execution is older than expected (or that has none).
    public struct Overdue: Sendable, Encodable {
        public var dataset: String
        public var lastSuccess: Date?
    }

    public var hours: [Hour]
    /// Queues whose dead-letter queue holds messages.
    public var deadLetters: [StatusView.Queue]
    public var overdue: [Overdue]
    public var running: [ExecutionView]
    /// Notification events, newest first.
    public var notifications: [EventRecord]
    public var executions: [String: Int]
}
