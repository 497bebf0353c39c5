import Foundation
import GRDB
import LakeCore

extension SQLiteMetadataStore {
    /// Upserts table priorities in one transaction.
    public func setPriorities(_ priorities: [TablePriority]) async throws {
        guard !priorities.isEmpty else { return }
        try await store.write("set priorities") { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO priority (id, team, dataset, tbl, level, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET level = excluded.level, source = excluded.source, updated_at = excluded.updated_at
                """)
            for p in priorities {
                try upsert.execute(arguments: [p.id, p.team, p.dataset, p.table, p.level, p.source.rawValue, SQLiteValues.time(p.updatedAt)])
            }
        }
    }

    /// Deletes one priority row; deleting a missing row is not an error.
    public func deletePriority(id: String) async throws {
        try await store.write("delete priority", context: ["priority": id]) { db in
            try db.cachedStatement(sql: "DELETE FROM priority WHERE id = ?").execute(arguments: [id])
        }
    }

    /// Every priority row, by id.
    public func priorities() async throws -> [TablePriority] {
        try await store.read("read priorities") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM priority ORDER BY id").map { row in
                TablePriority(
                    team: row["team"], dataset: row["dataset"], table: row["tbl"], level: row["level"],
                    source: TablePriority.Source(rawValue: row["source"]) ?? .cli,
                    updatedAt: SQLiteValues.date(row["updated_at"] as Double))
            }
        }
    }

    /// Inserts the RUNNING record only if its slot group and, when given, all stage-B slot
    /// groups together are below their limits — both counted in the same IMMEDIATE transaction,
    /// so the caps hold across processes.
    public func startExecution(_ record: ExecutionRecord, slotLimit: Int, globalLimit: Int?, staleBefore: Date) async throws -> Bool {
        let values = try ExecutionRow(record)
        let stale = SQLiteValues.time(staleBefore)
        return try await store.write("start execution", context: ["execution": record.id]) { db in
            let running = try Int.fetchOne(
                db.cachedStatement(sql: """
                    SELECT COUNT(*) FROM execution
                    WHERE slot_group IS ? AND status = 'RUNNING' AND updated_at >= ? AND id != ?
                    """),
                arguments: [record.slotGroup, stale, record.id]) ?? 0
            guard running < slotLimit else { return false }
            if let globalLimit {
                let all = try Int.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT COUNT(*) FROM execution
                        WHERE status = 'RUNNING' AND slot_group IS NOT NULL AND updated_at >= ? AND id != ?
                        """),
                    arguments: [stale, record.id]) ?? 0
                guard all < globalLimit else { return false }
            }
            try values.upsert(db)
            return true
        }
    }
}
