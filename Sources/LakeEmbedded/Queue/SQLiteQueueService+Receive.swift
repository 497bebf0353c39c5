import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Receives up to `maxMessages` (1...10) visible messages and leases each for
    /// `visibilityTimeout` (the queue's when nil). Never waits.
    ///
    /// A message already received `maxReceiveCount` times is moved to the dead-letter queue
    /// instead of being delivered. On FIFO queues only groups with nothing in flight deliver, each
    /// from its oldest message on, in send order, oldest group first.
    public func receive(from queue: QueueName, maxMessages: Int, visibilityTimeout: Duration?) async throws -> [ReceivedMessage] {
        try Self.checkBatch(maxMessages, "receive", queue)
        let options = try await requireOptions(queue)
        let lease = visibilityTimeout ?? options.visibilityTimeout
        guard lease >= .zero else {
            throw LakeError(.usage, "a visibility timeout cannot be negative", context: ["queue": queue.rawValue])
        }
        let now = clock.now()
        let nowTime = SQLiteValues.time(now)
        let leaseEnd = nowTime + lease.seconds
        let owner = self.owner
        let (messages, idleSends) = try await store.write("receive from queue", context: ["queue": queue.rawValue]) { db in
            var out: [ReceivedMessage] = []
            // A round may move exhausted messages to the dead-letter queue instead of delivering
            // them; look again so a receive does not come back empty while others wait.
            for _ in 0..<4 where out.count < maxMessages {
                let wanted = maxMessages - out.count
                let candidates = queue.isFIFO
                    ? try Self.fifoCandidates(db, queue: queue, now: nowTime, limit: wanted)
                    : try Self.standardCandidates(db, queue: queue, now: nowTime, limit: wanted)
                if candidates.isEmpty { break }
                var moved = 0
                for candidate in candidates {
                    if let max = options.maxReceiveCount, let dlq = options.deadLetterQueue, candidate.receiveCount >= max {
                        let error = candidate.lastError ?? "received \(candidate.receiveCount) times without being deleted (maxReceiveCount \(max))"
                        try Self.moveToDeadLetter(db, candidate, from: queue, to: dlq, error: error, at: now)
                        moved += 1
                        continue
                    }
                    let receipt = QueueReceipt.fresh(seq: candidate.seq)
                    try db.cachedStatement(
                        sql: "UPDATE message SET receive_count = receive_count + 1, visible_at = ?, receipt = ?, lease_owner = ? WHERE seq = ?"
                    ).execute(arguments: [leaseEnd, receipt.nonce, owner, candidate.seq])
                    out.append(try candidate.received(receipt: receipt, receiveCount: candidate.receiveCount + 1))
                }
                if moved == 0 { break }
            }
            let idle = out.isEmpty ? try Int64.fetchOne(db.cachedStatement(sql: "SELECT sends FROM activity WHERE id = 1")) : nil
            return (out, idle)
        }
        if let idleSends { activity.markIdle(sends: idleSends) }
        return messages
    }

    /// Visible messages of a standard queue, longest visible first.
    static func standardCandidates(_ db: Database, queue: QueueName, now: Double, limit: Int) throws -> [QueueMessageRow] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(QueueMessageRow.columns) FROM message
                WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, seq LIMIT ?
                """)
        return try Row.fetchAll(statement, arguments: [queue.rawValue, now, limit]).map(QueueMessageRow.init(row:))
    }

    /// Deliverable messages of a FIFO queue.
    ///
    /// Groups are found with a loose index scan (one index seek per group, however many messages
    /// wait). A group delivers only when none of its messages is in flight; messages in flight
    /// are always among a group's first 10 (a receive takes at most 10 from a group's head, and
    /// the group then delivers nothing more until they are gone or visible again), so looking at
    /// the first 10 is enough. It delivers its visible messages from the head on, stopping at the
    /// first that is not visible, so send order holds even across retries.
    static func fifoCandidates(_ db: Database, queue: QueueName, now: Double, limit: Int) throws -> [QueueMessageRow] {
        let heads = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH RECURSIVE g(gid) AS (
                        SELECT (SELECT group_id FROM message WHERE queue = ?1 AND group_id IS NOT NULL ORDER BY group_id LIMIT 1)
                        UNION ALL
                        SELECT (SELECT group_id FROM message WHERE queue = ?1 AND group_id > g.gid ORDER BY group_id LIMIT 1)
                        FROM g WHERE g.gid IS NOT NULL
                    )
                    SELECT h.seq AS seq, h.group_id AS gid
                    FROM g JOIN message h ON h.seq = (
                        SELECT seq FROM message WHERE queue = ?1 AND group_id = g.gid ORDER BY seq LIMIT 1)
                    WHERE g.gid IS NOT NULL AND h.visible_at <= ?2
                    """),
            arguments: [queue.rawValue, now])
        let ordered = heads.map { (seq: $0["seq"] as Int64, group: $0["gid"] as String) }.sorted { $0.seq < $1.seq }
        let groupStatement = try db.cachedStatement(
            sql: "SELECT \(QueueMessageRow.columns) FROM message WHERE queue = ? AND group_id = ? ORDER BY seq LIMIT 10")
        var out: [QueueMessageRow] = []
        for head in ordered where out.count < limit {
            let rows = try Row.fetchAll(groupStatement, arguments: [queue.rawValue, head.group]).map(QueueMessageRow.init(row:))
            if rows.contains(where: { $0.visibleAt > now && $0.receiveCount > 0 }) { continue }
            for row in rows {
                guard row.visibleAt <= now, out.count < limit else { break }
                out.append(row)
            }
        }
        return out
    }
}
