import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Deletes received messages (1...10). A receipt from an earlier receive, or of a message
    /// already gone, deletes nothing and is not an error.
    public func delete(_ receipts: [ReceiptHandle], from queue: QueueName) async throws {
        try Self.checkBatch(receipts.count, "delete", queue)
        _ = try await requireOptions(queue)
        let parsed = try receipts.map { handle throws(LakeError) in try QueueReceipt(handle, queue: queue) }
        try await store.write("delete messages", context: ["queue": queue.rawValue]) { db in
            try Self.delete(db, parsed, from: queue)
        }
    }

    /// Deletes the messages these receipts still hold.
    static func delete(_ db: Database, _ receipts: [QueueReceipt], from queue: QueueName) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM message WHERE seq = ? AND receipt = ? AND queue = ?")
        for receipt in receipts {
            try statement.execute(arguments: [receipt.seq, receipt.nonce, queue.rawValue])
        }
    }

    /// Sets the lease of a received message to end `timeout` from now (zero: visible at once).
    /// Throws `.conflict` when the receipt no longer holds the message (the lease was lost to
    /// another receiver, or the message is gone).
    public func changeVisibility(_ receipt: ReceiptHandle, in queue: QueueName, timeout: Duration) async throws {
        let context = ["queue": queue.rawValue]
        guard timeout >= .zero else {
            throw LakeError(.usage, "a visibility timeout cannot be negative", context: context)
        }
        _ = try await requireOptions(queue)
        let parsed = try QueueReceipt(receipt, queue: queue)
        let until = SQLiteValues.time(clock.now().adding(timeout))
        let changed = try await store.write("change a message's visibility", context: context) { db in
            try db.cachedStatement(sql: "UPDATE message SET visible_at = ? WHERE seq = ? AND receipt = ? AND queue = ?")
                .execute(arguments: [until, parsed.seq, parsed.nonce, queue.rawValue])
            return db.changesCount
        }
        guard changed > 0 else {
            throw LakeError(
                .conflict, "the message is no longer held by this receipt",
                hint: "its lease expired and it was received again, or it was deleted; stop working on it",
                context: context)
        }
        if timeout == .zero { activity.signal() }
    }

    /// Returns a message after a failed attempt: visible again after `retryAfter`, with `error`
    /// kept for the dead-letter queue; or moved there now when it has used its receives. A stale
    /// receipt does nothing.
    public func fail(_ message: ReceivedMessage, in queue: QueueName, error: String, retryAfter: Duration) async throws {
        let context = ["queue": queue.rawValue, "message": message.messageId]
        guard retryAfter >= .zero else {
            throw LakeError(.usage, "retryAfter cannot be negative", context: context)
        }
        let options = try await requireOptions(queue)
        let receipt = try QueueReceipt(message.receipt, queue: queue)
        let now = clock.now()
        let nowTime = SQLiteValues.time(now)
        let errorText = Self.clip(error)
        try await store.write("return a failed message", context: context) { db in
            guard let row = try Self.leasedRow(db, receipt, queue) else { return }
            if let max = options.maxReceiveCount, let dlq = options.deadLetterQueue, row.receiveCount >= max {
                try Self.moveToDeadLetter(db, row, from: queue, to: dlq, error: errorText, at: now)
                return
            }
            try db.cachedStatement(
                sql: "UPDATE message SET visible_at = ?, last_error = ?, receipt = NULL, lease_owner = NULL WHERE seq = ?"
            ).execute(arguments: [nowTime + retryAfter.seconds, errorText, row.seq])
        }
    }

    /// Moves a received message to the queue's dead-letter queue now, with `error` attached.
    /// Throws `.queue` when the queue has none. A stale receipt does nothing.
    public func deadLetter(_ message: ReceivedMessage, from queue: QueueName, error: String) async throws {
        let context = ["queue": queue.rawValue, "message": message.messageId]
        let options = try await requireOptions(queue)
        guard let dlq = options.deadLetterQueue else {
            throw LakeError(
                .queue, "queue '\(queue)' has no dead-letter queue",
                hint: "create the queue with a deadLetterQueue option", context: context)
        }
        let receipt = try QueueReceipt(message.receipt, queue: queue)
        let now = clock.now()
        let errorText = Self.clip(error)
        try await store.write("dead-letter a message", context: context) { db in
            guard let row = try Self.leasedRow(db, receipt, queue) else { return }
            try Self.moveToDeadLetter(db, row, from: queue, to: dlq, error: errorText, at: now)
        }
        activity.signal()
    }

    /// The row still leased with `receipt`, if any.
    static func leasedRow(_ db: Database, _ receipt: QueueReceipt, _ queue: QueueName) throws -> QueueMessageRow? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT \(QueueMessageRow.columns) FROM message WHERE seq = ? AND receipt = ? AND queue = ?"),
            arguments: [receipt.seq, receipt.nonce, queue.rawValue]
        ).map(QueueMessageRow.init(row:))
    }

    /// Moves `row` to the end of `dlq`, visible at once, its receive count reset, with the
    /// ``DeadLetterAttribute``s added to its attributes. The message keeps its id, group and
    /// send time.
    static func moveToDeadLetter(
        _ db: Database, _ row: QueueMessageRow, from queue: QueueName, to dlq: QueueName, error: String, at now: Date
    ) throws {
        var attributes = try SQLiteValues.map(row.attributes)
        attributes[DeadLetterAttribute.error] = error
        attributes[DeadLetterAttribute.sourceQueue] = queue.rawValue
        attributes[DeadLetterAttribute.failedAt] = now.formatted(.iso8601)
        attributes[DeadLetterAttribute.receiveCount] = String(row.receiveCount)
        try db.cachedStatement(sql: "DELETE FROM message WHERE seq = ?").execute(arguments: [row.seq])
        try db.cachedStatement(
            sql: """
                INSERT INTO message (id, queue, group_id, body, attributes, sent_at, visible_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [row.id, dlq.rawValue, row.groupID, row.body, try SQLiteValues.jsonMap(attributes), row.sentAt, SQLiteValues.time(now), error])
        try db.cachedStatement(sql: "UPDATE activity SET sends = sends + 1 WHERE id = 1").execute()
    }

    /// Error text kept with a message: at most 4 KiB, so attributes stay within the size limit.
    static func clip(_ error: String) -> String {
        guard error.utf8.count > 4096 else { return error }
        var clipped = ""
        for character in error {
            if clipped.utf8.count + String(character).utf8.count > 4093 { break }
            clipped.append(character)
        }
        return clipped + "..."
    }
}
