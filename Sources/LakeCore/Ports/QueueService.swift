import Foundation

/// A queue's name: `[A-Za-z0-9_-]{1,75}`, with a `.fifo` suffix for FIFO queues (SQS rules).
public struct QueueName: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init?(rawValue: String) {
        let base = rawValue.hasSuffix(".fifo") ? String(rawValue.dropLast(5)) : rawValue
        guard (1...75).contains(base.utf8.count),
              base.utf8.allSatisfy({ c in
                  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                      || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
              })
        else { return nil }
        self.rawValue = rawValue
    }
    /// Builds a name, throwing a usage error when it breaks the rules.
    public init(validating raw: String) throws(LakeError) {
        guard let name = QueueName(rawValue: raw) else {
            throw LakeError(.invalidName, "invalid queue name '\(raw)'", hint: "use letters, digits, '-' and '_', at most 75, plus '.fifo' for FIFO queues")
        }
        self = name
    }
    /// Builds a name from parts that may break the rules: characters outside the allowed set
    /// become `-`, and the base is cut to 75 characters. Always valid.
    public init(sanitizing raw: String) {
        let fifo = raw.hasSuffix(".fifo")
        let base = fifo ? String(raw.dropLast(5)) : raw
        var cleaned = String(base.unicodeScalars.map { s -> Character in
            let ok = (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A)
                || (s.value >= 0x61 && s.value <= 0x7A) || s == "-" || s == "_"
            return ok ? Character(s) : "-"
        }.prefix(75))
        if cleaned.isEmpty { cleaned = "queue" }
        rawValue = cleaned + (fifo ? ".fifo" : "")
    }
    public var isFIFO: Bool { rawValue.hasSuffix(".fifo") }
    public var description: String { rawValue }
    public static func < (a: QueueName, b: QueueName) -> Bool { a.rawValue < b.rawValue }
}

/// Settings of a queue, fixed when it is created.
public struct QueueOptions: Sendable, Hashable {
    /// How long a received message stays invisible unless its lease is extended.
    public var visibilityTimeout: Duration
    /// After this many receives without a delete, the message moves to ``deadLetterQueue``.
    public var maxReceiveCount: Int?
    public var deadLetterQueue: QueueName?
    /// Delay applied to every message sent without its own.
    public var delay: Duration
    /// FIFO queues drop a message whose deduplication id was seen in this window.
    public var deduplicationWindow: Duration

    public init(
        visibilityTimeout: Duration = .seconds(30), maxReceiveCount: Int? = nil, deadLetterQueue: QueueName? = nil,
        delay: Duration = .zero, deduplicationWindow: Duration = .seconds(300)
    ) {
        self.visibilityTimeout = visibilityTimeout
        self.maxReceiveCount = maxReceiveCount
        self.deadLetterQueue = deadLetterQueue
        self.delay = delay
        self.deduplicationWindow = deduplicationWindow
    }
}

/// A message to send.
public struct OutgoingMessage: Sendable, Hashable {
    public var body: String
    /// FIFO only: messages of one group are delivered in order, one receive batch in flight at a time.
    public var groupId: String?
    /// FIFO only: a second message with this id within the window is accepted and dropped.
    public var deduplicationId: String?
    /// Overrides the queue's delay (standard queues only on SQS).
    public var delay: Duration?
    public var attributes: [String: String]
    public init(body: String, groupId: String? = nil, deduplicationId: String? = nil, delay: Duration? = nil, attributes: [String: String] = [:]) {
        self.body = body
        self.groupId = groupId
        self.deduplicationId = deduplicationId
        self.delay = delay
        self.attributes = attributes
    }
}

/// Proof of one receive of a message; needed to delete it or extend its lease.
public struct ReceiptHandle: Hashable, Sendable, Codable {
    public let rawValue: String
    public init(_ raw: String) { rawValue = raw }
}

/// A received message, leased to the receiver until its visibility timeout passes.
public struct ReceivedMessage: Sendable, Hashable {
    public var messageId: String
    public var receipt: ReceiptHandle
    public var body: String
    /// 1 on the first receive.
    public var receiveCount: Int
    public var groupId: String?
    public var sentAt: Date
    public var attributes: [String: String]
    public init(messageId: String, receipt: ReceiptHandle, body: String, receiveCount: Int, groupId: String?, sentAt: Date, attributes: [String: String]) {
        self.messageId = messageId
        self.receipt = receipt
        self.body = body
        self.receiveCount = receiveCount
        self.groupId = groupId
        self.sentAt = sentAt
        self.attributes = attributes
    }
}

/// Approximate message counts.
public struct QueueCounts: Sendable, Hashable, Codable {
    /// Ready to receive.
    public var visible: Int
    /// Received and not yet deleted or returned.
    public var inFlight: Int
    /// Sent with a delay that has not passed.
    public var delayed: Int
    /// When the oldest visible message was sent, where the backend can tell cheaply (embedded:
    /// exactly; SQS: nil). WLM aging and `lake wlm status` use it.
    public var oldestSentAt: Date?
    public init(visible: Int, inFlight: Int, delayed: Int, oldestSentAt: Date? = nil) {
        self.visible = visible
        self.inFlight = inFlight
        self.delayed = delayed
        self.oldestSentAt = oldestSentAt
    }
    public var total: Int { visible + inFlight + delayed }
}

/// Whether a queue has a message ready, and since when: what a worker choosing which queue to
/// receive from next needs, cheaper than ``QueueCounts`` on a deep queue.
public struct QueueReadiness: Sendable, Hashable {
    /// At least one message is ready to receive.
    public var hasVisible: Bool
    /// When the oldest ready message was sent, where the backend can tell (as in ``QueueCounts``).
    public var oldestSentAt: Date?
    public init(hasVisible: Bool, oldestSentAt: Date?) {
        self.hasVisible = hasVisible
        self.oldestSentAt = oldestSentAt
    }
}

/// Message attributes SwiftLake sets on dead-lettered messages.
public enum DeadLetterAttribute {
    /// The last error, as text.
    public static let error = "lake.error"
    /// The queue the message came from.
    public static let sourceQueue = "lake.source-queue"
    /// When it was dead-lettered (ISO 8601).
    public static let failedAt = "lake.failed-at"
    /// How many times it had been received.
    public static let receiveCount = "lake.receive-count"
}

/// The queue port, shaped after SQS.
///
/// Guarantees every adapter keeps (checked by `QueueContract`):
/// - At-least-once: a received message is invisible to others until its visibility timeout
///   passes, then visible again with `receiveCount + 1`, unless deleted first.
/// - FIFO queues deliver a group's messages in send order, and deliver nothing more from a
///   group while any of its messages is in flight. Deduplication ids drop repeats within the window.
/// - When `maxReceiveCount` is set, a message received that many times and then returned (lease
///   expiry or ``fail(_:in:error:retryAfter:)``) moves to the dead-letter queue on its next turn,
///   with ``DeadLetterAttribute``s describing the last error.
/// - Batches hold 1...10 messages.
public protocol QueueService: Sendable {
    /// Creates the queue, or checks that an existing one is compatible. Idempotent.
    func createQueue(_ name: QueueName, options: QueueOptions) async throws

    /// Sends 1...10 messages; returns their ids in order.
    @discardableResult
    func send(_ messages: [OutgoingMessage], to queue: QueueName) async throws -> [String]

    /// Receives up to `maxMessages` (1...10) visible messages, leasing each for `visibilityTimeout`
    /// (the queue's own when nil). Returns an empty array when none are ready; does not wait.
    func receive(from queue: QueueName, maxMessages: Int, visibilityTimeout: Duration?) async throws -> [ReceivedMessage]

    /// Deletes received messages. Deleting with a stale receipt is not an error.
    func delete(_ receipts: [ReceiptHandle], from queue: QueueName) async throws

    /// Extends (or shortens) a lease, counted from now. Zero makes the message visible at once.
    func changeVisibility(_ receipt: ReceiptHandle, in queue: QueueName, timeout: Duration) async throws

    /// Returns a message after a failed attempt: it becomes visible after `retryAfter`, or goes to
    /// the dead-letter queue (with `error` attached) when it has used its receives.
    func fail(_ message: ReceivedMessage, in queue: QueueName, error: String, retryAfter: Duration) async throws

    /// Moves a message to the queue's dead-letter queue now, with `error` attached.
    /// Throws `.queue` when the queue has no dead-letter queue.
    func deadLetter(_ message: ReceivedMessage, from queue: QueueName, error: String) async throws

    func counts(_ queue: QueueName) async throws -> QueueCounts

    /// Whether a message is ready and when the oldest ready one was sent; agrees with
    /// ``counts(_:)``. The default asks `counts`; adapters answer it without counting.
    func readiness(_ queue: QueueName) async throws -> QueueReadiness

    /// Deletes the queue and its messages; true when it existed. A queue that is still some
    /// other queue's dead-letter queue is a `.conflict` (delete that one first).
    @discardableResult
    func deleteQueue(_ name: QueueName) async throws -> Bool

    /// Queues whose names start with `prefix`, sorted.
    func listQueues(prefix: String) async throws -> [QueueName]

    /// The queue's creation options, or nil when it does not exist.
    func options(of queue: QueueName) async throws -> QueueOptions?

    /// Waits until a message may have become ready on any queue, or `timeout` passes. In-process
    /// adapters wake on their own sends; others just sleep. Never throws on timeout.
    func awaitActivity(timeout: Duration) async

    /// What the caller has seen of this service's activity; take it before looking at the
    /// queues, then pass it to ``awaitActivity(after:timeout:)``.
    func activityMark() -> QueueActivityMark

    /// Waits until a message may have become ready since `mark` was taken, or `timeout` passes;
    /// returns at once when something was sent after the mark. Each caller keeps its own mark,
    /// so one caller's wait never uses up the wake-up another was owed. Adapters without
    /// notifications sleep.
    func awaitActivity(after mark: QueueActivityMark, timeout: Duration) async

    /// Ends a step of work: sends any number of messages (to each queue in name order, in the
    /// order given) and then deletes any number of received messages of `queue`. The embedded
    /// queue does both in one transaction; others send first and delete after, so a crash in
    /// between delivers the received messages again rather than losing what was to be sent.
    /// Sent messages are durable when it returns, as with ``send(_:to:)``.
    func settle(sending: [QueueName: [OutgoingMessage]], deleting receipts: [ReceiptHandle], from queue: QueueName) async throws
}

/// A caller's view of a queue service's activity (``QueueService/activityMark()``): the
/// service's own sends and, for services shared between processes, the shared send counter
/// last read. Opaque to callers.
public struct QueueActivityMark: Sendable, Hashable {
    public var localSends: UInt64
    public var sharedSends: Int64?
    public init(localSends: UInt64 = 0, sharedSends: Int64? = nil) {
        self.localSends = localSends
        self.sharedSends = sharedSends
    }
}

extension QueueService {
    public func activityMark() -> QueueActivityMark { QueueActivityMark() }

    public func awaitActivity(after mark: QueueActivityMark, timeout: Duration) async {
        await awaitActivity(timeout: timeout)
    }

    public func settle(sending: [QueueName: [OutgoingMessage]], deleting receipts: [ReceiptHandle], from queue: QueueName) async throws {
        for target in sending.keys.sorted() {
            if let messages = sending[target], !messages.isEmpty { try await sendAll(messages, to: target) }
        }
        try await deleteAll(receipts, from: queue)
    }

    public func readiness(_ queue: QueueName) async throws -> QueueReadiness {
        let counts = try await counts(queue)
        return QueueReadiness(hasVisible: counts.visible > 0, oldestSentAt: counts.oldestSentAt)
    }

    /// Sends any number of messages in batches of 10.
    @discardableResult
    public func sendAll(_ messages: [OutgoingMessage], to queue: QueueName) async throws -> [String] {
        var ids: [String] = []
        var start = 0
        while start < messages.count {
            let end = min(start + 10, messages.count)
            ids += try await send(Array(messages[start..<end]), to: queue)
            start = end
        }
        return ids
    }

    /// Deletes any number of receipts in batches of 10.
    public func deleteAll(_ receipts: [ReceiptHandle], from queue: QueueName) async throws {
        var start = 0
        while start < receipts.count {
            let end = min(start + 10, receipts.count)
            try await delete(Array(receipts[start..<end]), from: queue)
            start = end
        }
    }
}
