import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Sends 1...10 messages in one transaction and returns their ids in order.
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
        let ids = try await store.write("send to queue", context: ["queue": queue.rawValue]) { db in
            try db.cachedStatement(sql: "DELETE FROM dedup WHERE expires_at <= ?").execute(arguments: [nowTime])
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
                    ).execute(arguments: [queue.rawValue, dedupID, row.id, nowTime + window])
                }
                try db.cachedStatement(
                    sql: """
                        INSERT INTO message (id, queue, group_id, body, attributes, sent_at, visible_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [row.id, queue.rawValue, row.groupID, row.body, row.attributes, nowTime, row.visibleAt])
                ids.append(row.id)
            }
            try db.cachedStatement(sql: "UPDATE activity SET sends = sends + 1 WHERE id = 1").execute()
            return ids
        }
        activity.signal()
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
        self.id = UUID().uuidString.lowercased()
        self.groupID = message.groupId
        self.deduplicationID = message.deduplicationId
        self.body = message.body
        self.attributes = attributes
        self.visibleAt = SQLiteValues.time(now.adding(delay))
    }
}
