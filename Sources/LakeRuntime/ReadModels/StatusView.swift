import Foundation

/// `lake status --json` and `GET /api/v1/status`: queue depths and execution counts.
public struct StatusView: Sendable, Codable, Hashable {
    /// One of the lake's queues (dead-letter queues are folded into their source queue's row).
    public struct Queue: Sendable, Codable, Hashable {
        public var name: String
        public var visible: Int
        public var inFlight: Int
        public var delayed: Int
        /// Messages in the queue's dead-letter queue (the catalog row adds the routing DLQ).
        public var deadLetter: Int
        /// The dead-letter queue (queues of one team pipeline's levels share one).
        public var deadLetterQueue: String
    }

    public var queues: [Queue]
    /// Executions per status, every status present.
    public var executions: [String: Int]
}
