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
        try await startExecution(record, slotLimit: slotLimit, globalLimit: nil, staleBefore: staleBefore)
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
        if query == ExecutionQuery() {
            // Every execution: the counts the triggers keep (migration v6).
            return try await store.read("count executions") { db in
                var counts: [ExecutionStatus: Int] = [:]
                for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT status, n FROM execution_count WHERE n > 0")) {
                    if let status = ExecutionStatus(rawValue: row["status"]) { counts[status] = row["n"] }
                }
                return counts
            }
        }
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
        if let position = query.after {
            let time = SQLiteValues.time(position.startedAt)
            conditions.append("(started_at < ? OR (started_at = ? AND id < ?))")
            arguments += [time, time, position.id]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}

extension SQLiteMetadataStore {
    /// Upserts many whole records in one transaction.
    public func saveExecutions(_ records: [ExecutionRecord]) async throws {
        guard !records.isEmpty else { return }
        let rows = try records.map(ExecutionRow.init)
        try await store.write("save executions", context: ["count": String(records.count)]) { db in
            for row in rows { try row.upsert(db) }
        }
    }

    /// The executions with these ids, in one query.
    public func executions(ids: [String]) async throws -> [String: ExecutionRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await store.read("read executions") { db in try Self.fetchExecutions(db, ids: ids) }
    }

    /// The stored executions with these ids, 500 ids a query.
    static func fetchExecutions(_ db: Database, ids: [String]) throws -> [String: ExecutionRecord] {
        var found: [String: ExecutionRecord] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM execution WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                let record = try ExecutionRow.record(row)
                found[record.id] = record
            }
        }
        return found
    }
}

extension SQLiteMetadataStore {
    /// Reads the rows of these ids, continues them, and writes the records, in one transaction.
    /// The commit is not flushed on its own: a start lost to a power loss is written again when
    /// the work's message comes back (the next flushed commit, its finish, carries it anyway).
    public func beginExecutions(_ records: [ExecutionRecord]) async throws -> [ExecutionRecord] {
        guard !records.isEmpty else { return [] }
        return try await store.lazyWrite("begin executions", context: ["count": String(records.count)]) { db in
            let previous = try Self.fetchExecutions(db, ids: records.map(\.id))
            let merged = records.map { $0.continuing(previous[$0.id]) }
            for record in merged { try ExecutionRow(record).upsert(db) }
            return merged
        }
    }

    /// Writes the output objects, the records and the pipeline row's `last_execution_*` in one
    /// transaction.
    public func finishExecutions(_ records: [ExecutionRecord], outputs: [ObjectRecord], pipelineId: String, at: Date) async throws {
        guard let newest = records.max(by: { $0.startedAt < $1.startedAt }) else {
            try await upsertObjects(outputs)
            return
        }
        let rows = try records.map(ExecutionRow.init)
        try await store.write("finish executions", context: ["count": String(records.count), "pipeline": pipelineId]) { db in
            try Self.upsertObjects(db, outputs)
            for row in rows { try row.upsert(db) }
            try Self.updateLast(db, newest, pipelineId: pipelineId, at: at)
        }
    }

    /// Updates the pipeline row's `last_execution_*` and `updated_at` only.
    public func recordLastExecution(_ record: ExecutionRecord, pipelineId: String, at: Date) async throws {
        try await store.write("record last execution", context: ["pipeline": pipelineId]) { db in
            try Self.updateLast(db, record, pipelineId: pipelineId, at: at)
        }
    }

    static func updateLast(_ db: Database, _ record: ExecutionRecord, pipelineId: String, at: Date) throws {
        try db.cachedStatement(
            sql: """
                UPDATE pipeline SET last_execution_id = ?, last_execution_date = ?, last_execution_status = ?,
                                    last_execution_duration = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            record.id, SQLiteValues.time(record.startedAt), record.status.rawValue, record.durationSeconds,
            SQLiteValues.time(at), pipelineId,
        ])
    }
}
