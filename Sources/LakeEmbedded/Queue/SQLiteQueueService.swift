import Foundation
import GRDB
import LakeCore
import Synchronization

/// The embedded ``QueueService``: standard and FIFO queues in one SQLite database (WAL mode),
/// shared safely by any number of instances and processes on one machine.
///
/// Semantics follow SQS (see ``QueueService``): leases with a visibility timeout, receive
/// counts, dead-letter queues after `maxReceiveCount` receives, FIFO groups delivered in send
/// order with one batch of a group in flight at a time, FIFO deduplication ids within a window,
/// per-queue and per-message delays, batches of 1...10, bodies up to 256 KiB.
///
/// Every operation is one short IMMEDIATE transaction, so two receivers, in this process or
/// another, never lease the same message at once. All times (visibility, delay, deduplication
/// window) come from the injected clock. Durability: `synchronous=NORMAL` (see `SQLiteStore`):
/// a crash of the process loses nothing committed; a power loss may lose the last commits.
public final class SQLiteQueueService: QueueService {
    /// Largest body plus attributes, as on SQS.
    public static let maxMessageBytes = 256 * 1024

    let store: SQLiteStore
    let clock: any LakeClock
    let owner: String
    let activity = QueueActivity()
    /// Queue options never change once created, so they are cached after the first read
    /// (and forgotten when this instance deletes the queue).
    let cache = Mutex<[QueueName: QueueOptions]>([:])

    /// Opens (creating when needed) the queue database at `url`.
    public init(url: URL, clock: any LakeClock) throws {
        self.store = try SQLiteStore(url: url, code: .queue, label: "queue", migrator: Self.migrator, synchronous: .normal)
        self.clock = clock
        self.owner = LeaseOwner.current.description
    }

    /// Creates the queue, or checks that the existing one has the same options (`.conflict`
    /// otherwise). A dead-letter queue must exist first and be of the same kind (FIFO or not).
    public func createQueue(_ name: QueueName, options: QueueOptions) async throws {
        try Self.validate(options, for: name)
        let context = ["queue": name.rawValue]
        let now = SQLiteValues.time(clock.now())
        let existing: QueueOptions? = try await store.write("create queue", context: context) { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM queue WHERE name = ?", arguments: [name.rawValue]) {
                return Self.options(from: row)
            }
            if let dlq = options.deadLetterQueue {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM queue WHERE name = ?", arguments: [dlq.rawValue]) == true else {
                    throw LakeError(
                        .notFound, "the dead-letter queue '\(dlq)' does not exist",
                        hint: "create the dead-letter queue before the queues that use it",
                        context: ["queue": name.rawValue, "deadLetterQueue": dlq.rawValue])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO queue (name, fifo, visibility_timeout, max_receive_count, dead_letter_queue,
                                       delay, dedup_window, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    name.rawValue, name.isFIFO, options.visibilityTimeout.seconds, options.maxReceiveCount,
                    options.deadLetterQueue?.rawValue, options.delay.seconds, options.deduplicationWindow.seconds, now,
                ])
            return nil
        }
        if let existing, existing != options {
            throw LakeError(
                .conflict, "queue '\(name)' already exists with other options",
                hint: "use the existing options, or a new queue name", context: context)
        }
        cache.withLock { $0[name] = options }
    }

    /// The queue's creation options, or nil when it does not exist.
    public func options(of queue: QueueName) async throws -> QueueOptions? {
        if let cached = cache.withLock({ $0[queue] }) { return cached }
        let found: QueueOptions? = try await store.read("read queue options", context: ["queue": queue.rawValue]) { db in
            try Row.fetchOne(db, sql: "SELECT * FROM queue WHERE name = ?", arguments: [queue.rawValue]).map(Self.options(from:))
        }
        if let found { cache.withLock { $0[queue] = found } }
        return found
    }

    /// Queues whose names start with `prefix`, sorted by name.
    public func listQueues(prefix: String) async throws -> [QueueName] {
        try await store.read("list queues") { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM queue ORDER BY name")
            return names.filter { $0.hasPrefix(prefix) }.compactMap(QueueName.init(rawValue:))
        }
    }

    /// Approximate counts: visible, in flight (received, lease running) and delayed.
    public func counts(_ queue: QueueName) async throws -> QueueCounts {
        _ = try await requireOptions(queue)
        let now = SQLiteValues.time(clock.now())
        return try await store.read("count messages", context: ["queue": queue.rawValue]) { db in
            let head = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS visible, MIN(sent_at) AS oldest FROM message WHERE queue = ? AND visible_at <= ?",
                arguments: [queue.rawValue, now])
            let visible: Int = head?["visible"] ?? 0
            let oldest: Double? = head?["oldest"]
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(receive_count > 0), 0) AS inflight, COALESCE(SUM(receive_count = 0), 0) AS delayed
                    FROM message WHERE queue = ? AND visible_at > ?
                    """,
                arguments: [queue.rawValue, now])
            return QueueCounts(
                visible: visible, inFlight: row?["inflight"] ?? 0, delayed: row?["delayed"] ?? 0,
                oldestSentAt: SQLiteValues.date(oldest))
        }
    }

    /// Whether a message is ready, and the oldest ready one's send time, without counting: walks
    /// the queue's messages from the oldest send time and stops at the first ready one (in-flight
    /// and delayed messages are the only ones skipped).
    public func readiness(_ queue: QueueName) async throws -> QueueReadiness {
        _ = try await requireOptions(queue)
        let now = SQLiteValues.time(clock.now())
        return try await store.read("check readiness", context: ["queue": queue.rawValue]) { db in
            let oldest = try Double.fetchOne(
                db.cachedStatement(
                    sql: "SELECT sent_at FROM message INDEXED BY message_sent WHERE queue = ? AND visible_at <= ? ORDER BY sent_at LIMIT 1"),
                arguments: [queue.rawValue, now])
            return QueueReadiness(hasVisible: oldest != nil, oldestSentAt: SQLiteValues.date(oldest))
        }
    }

    // MARK: Helpers shared by the extensions

    /// The queue's options; throws `.notFound` when it does not exist.
    func requireOptions(_ queue: QueueName) async throws -> QueueOptions {
        if let options = try await options(of: queue) { return options }
        throw LakeError(
            .notFound, "queue '\(queue)' does not exist", hint: "create it first (lake run creates the queues of lake.yaml)",
            context: ["queue": queue.rawValue])
    }

    /// Throws `.usage` unless `count` is 1...10.
    static func checkBatch(_ count: Int, _ operation: String, _ queue: QueueName) throws(LakeError) {
        guard (1...10).contains(count) else {
            throw LakeError(
                .usage, "\(operation) takes 1 to 10 messages, not \(count)",
                hint: "split the work into batches of at most 10 (sendAll/deleteAll do it)",
                context: ["queue": queue.rawValue])
        }
    }

    static func validate(_ options: QueueOptions, for name: QueueName) throws(LakeError) {
        let context = ["queue": name.rawValue]
        if options.visibilityTimeout < .zero || options.delay < .zero || options.deduplicationWindow < .zero {
            throw LakeError(.usage, "queue durations cannot be negative", hint: "use zero or more seconds", context: context)
        }
        if let max = options.maxReceiveCount {
            guard max >= 1 else {
                throw LakeError(.usage, "maxReceiveCount must be at least 1", hint: "use 1 or more, or nil for no limit", context: context)
            }
            guard options.deadLetterQueue != nil else {
                throw LakeError(
                    .usage, "maxReceiveCount needs a dead-letter queue",
                    hint: "set deadLetterQueue too, as an SQS redrive policy does", context: context)
            }
        }
        if let dlq = options.deadLetterQueue {
            guard dlq.isFIFO == name.isFIFO else {
                throw LakeError(
                    .usage, "the dead-letter queue of a \(name.isFIFO ? "FIFO" : "standard") queue must be one too",
                    hint: "name FIFO dead-letter queues with the .fifo suffix, and only those",
                    context: context.merging(["deadLetterQueue": dlq.rawValue]) { a, _ in a })
            }
            guard dlq != name else {
                throw LakeError(.usage, "a queue cannot be its own dead-letter queue", context: context)
            }
        }
    }

    static func options(from row: Row) -> QueueOptions {
        let dlq: String? = row["dead_letter_queue"]
        return QueueOptions(
            visibilityTimeout: .seconds(row["visibility_timeout"] as Double),
            maxReceiveCount: row["max_receive_count"],
            deadLetterQueue: dlq.flatMap(QueueName.init(rawValue:)),
            delay: .seconds(row["delay"] as Double),
            deduplicationWindow: .seconds(row["dedup_window"] as Double))
    }
}
