import Foundation
import GRDB
import LakeCore

extension SQLiteMetadataStore {
    /// Upserts the whole execution record.
    public func saveExecution(_ record: ExecutionRecord) async throws {
        let values = try ExecutionRow(record)
        try await store.write("save execution", context: ["execution": record.id]) { db in
            try values.upsert(db)
        }
    }

    /// Inserts (or rewrites) `record` only when fewer than `slotLimit` other RUNNING executions of
    /// its slot group have a heartbeat at or after `staleBefore`. The count and the write share
    /// one IMMEDIATE transaction, so concurrent starts, from any process, never exceed the limit.
    /// Records without a slot group form a group of their own.
    public func startExecution(_ record: ExecutionRecord, slotLimit: Int, staleBefore: Date) async throws -> Bool {
        let values = try ExecutionRow(record)
        let stale = SQLiteValues.time(staleBefore)
        return try await store.write("start execution", context: ["execution": record.id]) { db in
            let running = try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM execution
                        WHERE slot_group IS ? AND status = 'RUNNING' AND updated_at >= ? AND id != ?
                        """),
                arguments: [record.slotGroup, stale, record.id]) ?? 0
            guard running < slotLimit else { return false }
            try values.upsert(db)
            return true
        }
    }

    /// The execution with this id.
    public func execution(id: String) async throws -> ExecutionRecord? {
        try await store.read("read execution", context: ["execution": id]) { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM execution WHERE id = ?"), arguments: [id]).map(ExecutionRow.record)
        }
    }

    /// Executions matching `query`, newest first (by start time, then id).
    public func executions(matching query: ExecutionQuery) async throws -> [ExecutionRecord] {
        var (sql, arguments) = Self.filter(query)
        sql = "SELECT * FROM execution" + sql + " ORDER BY started_at DESC, id DESC"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let finalSQL = sql
        let finalArguments = arguments
        return try await store.read("query executions") { db in
            try Row.fetchAll(db.cachedStatement(sql: finalSQL), arguments: finalArguments).map(ExecutionRow.record)
        }
    }

    /// Counts per status of every execution matching `query` (its limit ignored).
    public func executionCounts(matching query: ExecutionQuery) async throws -> [ExecutionStatus: Int] {
        let (sql, arguments) = Self.filter(query)
        let finalSQL = "SELECT status, COUNT(*) AS n FROM execution" + sql + " GROUP BY status"
        return try await store.read("count executions") { db in
            var counts: [ExecutionStatus: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: finalSQL), arguments: arguments) {
                if let status = ExecutionStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// RUNNING executions of a slot group whose heartbeat is at or after `staleBefore`.
    public func runningCount(slotGroup: String, staleBefore: Date) async throws -> Int {
        let stale = SQLiteValues.time(staleBefore)
        return try await store.read("count running executions", context: ["slotGroup": slotGroup]) { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM execution WHERE slot_group = ? AND status = 'RUNNING' AND updated_at >= ?"),
                arguments: [slotGroup, stale]) ?? 0
        }
    }

    /// Deletes executions whose `expiresAt` is before `now`, with their claims; returns how many.
    public func purgeExecutions(expiredBefore now: Date) async throws -> Int {
        let time = SQLiteValues.time(now)
        return try await store.write("purge expired executions") { db in
            try db.execute(
                sql: "DELETE FROM claim WHERE execution_id IN (SELECT id FROM execution WHERE expires_at < ?)", arguments: [time])
            try db.execute(sql: "DELETE FROM execution WHERE expires_at < ?", arguments: [time])
            return db.changesCount
        }
    }

    /// The WHERE clause (with a leading space, or empty) and arguments of an execution query.
    static func filter(_ query: ExecutionQuery) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let dataset = query.dataset {
            conditions.append("team = ? AND dataset = ?")
            arguments += [dataset.team, dataset.dataset]
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let stage = query.stage {
            conditions.append("stage = ?")
            arguments += [stage.rawValue]
        }
        if let pipeline = query.pipeline {
            conditions.append("pipeline = ?")
            arguments += [pipeline]
        }
        if let after = query.startedAfter {
            conditions.append("started_at > ?")
            arguments += [SQLiteValues.time(after)]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
