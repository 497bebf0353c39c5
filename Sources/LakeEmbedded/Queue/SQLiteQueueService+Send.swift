import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Sends 1...10 messages in one transaction and returns their ids in order. The commit is
    /// flushed to the disk before it returns: a sent message survives a power loss.
    ///
    /// FIFO queues need a `groupId` on every message and take no per-message delay (as SQS). A
    /// FIFO message whose `deduplicationId` was sent within the queue's deduplication window is
    /// accepted and dropped; its returned id is the first message's.
    @discardableResult
    public func send(_ messages: [OutgoingMessage], to queue: QueueName) async throws -> [String] {
        try Self.checkBatch(messages.count, "send", queue)
        let options = try await requireOptions(queue)
        let now = clock.now()
        let rows = try messages.map { message throws(LakeError) in
            try OutgoingRow(message, queue: queue, options: options, now: now)
        }
        let nowTime = SQLiteValues.time(now)
        let window = options.deduplicationWindow.seconds
        let ids = try await store.durableWrite("send to queue", context: ["queue": queue.rawValue]) { db in
            let ids = try Self.insert(db, rows, into: queue, now: nowTime, deduplicationWindow: window)
            try db.cachedStatement(sql: "UPDATE activity SET sends = sends + 1 WHERE id = 1").execute()
            return ids
        }
        activity.signal()
        return ids
    }

    /// Sends any number of messages (each queue's in the order given, queues in name order) and
    /// deletes any number of received messages of `queue`, in one transaction flushed to the
    /// disk before it returns. A stale receipt deletes nothing, as with ``delete(_:from:)``.
    public func settle(sending: [QueueName: [OutgoingMessage]], deleting receipts: [ReceiptHandle], from queue: QueueName) async throws {
        let now = clock.now()
        var batches: [(QueueName, [OutgoingRow], Double)] = []
        for target in sending.keys.sorted() {
            guard let messages = sending[target], !messages.isEmpty else { continue }
            let options = try await requireOptions(target)
            let rows = try messages.map { message throws(LakeError) in try OutgoingRow(message, queue: target, options: options, now: now) }
            batches.append((target, rows, options.deduplicationWindow.seconds))
        }
        if !receipts.isEmpty { _ = try await requireOptions(queue) }
        let parsed = try receipts.map { handle throws(LakeError) in try QueueReceipt(handle, queue: queue) }
        guard !batches.isEmpty || !parsed.isEmpty else { return }
        let nowTime = SQLiteValues.time(now)
        let sends = batches
        let body: @Sendable (Database) throws -> Void = { db in
            for (target, rows, window) in sends {
                _ = try Self.insert(db, rows, into: target, now: nowTime, deduplicationWindow: window)
            }
            try Self.delete(db, parsed, from: queue)
            if !sends.isEmpty { try db.cachedStatement(sql: "UPDATE activity SET sends = sends + 1 WHERE id = 1").execute() }
        }
        let context = ["queue": queue.rawValue]
        if sends.isEmpty {
            try await store.write("delete messages", context: context, body)
        } else {
            // Only what is sent must survive a power loss; a lost delete delivers again.
            try await store.durableWrite("settle messages", context: context, body)
            activity.signal()
        }
    }

    /// Inserts validated messages into `queue` (dropping FIFO repeats within the window) and
    /// returns their ids in order.
    static func insert(_ db: Database, _ rows: [OutgoingRow], into queue: QueueName, now: Double, deduplicationWindow window: Double) throws -> [String] {
        try db.cachedStatement(sql: "DELETE FROM dedup WHERE expires_at <= ?").execute(arguments: [now])
        var ids: [String] = []
        ids.reserveCapacity(rows.count)
        for row in rows {
            if queue.isFIFO, let dedupID = row.deduplicationID {
                let seen = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT message_id FROM dedup WHERE queue = ? AND dedup_id = ?"),
                    arguments: [queue.rawValue, dedupID])
                if let seen {
                    ids.append(seen)
                    continue
                }
                try db.cachedStatement(
                    sql: "INSERT INTO dedup (queue, dedup_id, message_id, expires_at) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [queue.rawValue, dedupID, row.id, now + window])
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO message (id, queue, group_id, body, attributes, sent_at, visible_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [row.id, queue.rawValue, row.groupID, row.body, row.attributes, now, row.visibleAt])
            ids.append(row.id)
        }
        return ids
    }
}

/// A validated message, ready to insert.
struct OutgoingRow: Sendable {
    var id: String
    var groupID: String?
    var deduplicationID: String?
    var body: String
    var attributes: String?
    var visibleAt: Double

    init(_ message: OutgoingMessage, queue: QueueName, options: QueueOptions, now: Date) throws(LakeError) {
        let context = ["queue": queue.rawValue]
        if queue.isFIFO {
            guard let group = message.groupId, !group.isEmpty else {
                throw LakeError(
                    .usage, "messages sent to a FIFO queue need a group id",
                    hint: "set groupId (SwiftLake uses <team>-<dataset>)", context: context)
            }
            guard message.delay == nil else {
                throw LakeError(
                    .usage, "FIFO queues take no per-message delay",
                    hint: "set the queue's delay instead (SQS rejects per-message delays on FIFO queues)", context: context)
            }
        }
        let delay = message.delay ?? options.delay
        guard delay >= .zero else {
            throw LakeError(.usage, "a message delay cannot be negative", hint: "use zero or more seconds", context: context)
        }
        var size = message.body.utf8.count
        for (key, value) in message.attributes { size += key.utf8.count + value.utf8.count }
        guard size <= SQLiteQueueService.maxMessageBytes else {
            throw LakeError(
                .usage, "a message of \(size) bytes is larger than the 256 KiB limit",
                hint: "store large payloads as objects and send their keys", context: context)
        }
        let attributes: String?
        do {
            attributes = try SQLiteValues.jsonMap(message.attributes)
        } catch {
            throw LakeError(.usage, "cannot encode the message attributes", context: context, underlying: SendableErrorBox(error))
        }
        self.id = UUIDString.random()
        self.groupID = message.groupId
        self.deduplicationID = message.deduplicationId
        self.body = message.body
        self.attributes = attributes
        self.visibleAt = SQLiteValues.time(now.adding(delay))
    }
}
