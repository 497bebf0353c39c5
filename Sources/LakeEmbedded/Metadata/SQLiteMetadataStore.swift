import Foundation
import GRDB
import LakeCore

/// The embedded Octagon (``MetadataStore``): object metadata, the dataset and pipeline
/// registry, execution history, stage-B claims and events in one SQLite database (WAL mode),
/// shared safely by several instances and processes.
///
/// Every write is an upsert keyed as SDLF keys it. ``startExecution(_:slotLimit:staleBefore:)``
/// and ``claim(keys:by:at:)`` run in IMMEDIATE transactions, so they are atomic across
/// processes. Times are stored exactly (a record reads back equal to the one written).
public final class SQLiteMetadataStore: MetadataStore {
    let store: SQLiteStore
    let clock: any LakeClock

    /// Opens (creating or upgrading when needed) the Octagon database at `url`.
    public init(url: URL, clock: any LakeClock) throws {
        self.store = try SQLiteStore(url: url, code: .metadata, label: "Octagon metadata", migrator: Self.migrator)
        self.clock = clock
    }

    // MARK: Object metadata

    /// Upserts object rows by id, in one transaction.
    public func upsertObjects(_ records: [ObjectRecord]) async throws {
        guard !records.isEmpty else { return }
        try await store.write("record object metadata") { db in try Self.upsertObjects(db, records) }
    }

    /// Upserts object rows within a transaction.
    static func upsertObjects(_ db: Database, _ records: [ObjectRecord]) throws {
        guard !records.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO object (id, zone, key, bucket, size, last_modified, timestamp, content_hash, team, dataset,
                                    tbl, pipeline, pipeline_stage, execution_id, row_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    zone = excluded.zone, key = excluded.key, bucket = excluded.bucket, size = excluded.size,
                    last_modified = excluded.last_modified, timestamp = excluded.timestamp,
                    content_hash = excluded.content_hash, team = excluded.team, dataset = excluded.dataset,
                    tbl = excluded.tbl, pipeline = excluded.pipeline, pipeline_stage = excluded.pipeline_stage,
                    execution_id = excluded.execution_id, row_count = excluded.row_count
                """)
        for r in records {
            try statement.execute(arguments: [
                r.id, r.zone.rawValue, r.key, r.bucket, r.size, SQLiteValues.time(r.lastModified), SQLiteValues.time(r.timestamp),
                r.contentHash, r.team, r.dataset, r.table, r.pipeline, r.pipelineStage, r.executionId, r.rows,
            ])
        }
    }

    /// Deletes an object row; a missing row is not an error.
    public func deleteObject(id: String) async throws {
        try await store.write("delete object metadata", context: ["object": id]) { db in
            try db.cachedStatement(sql: "DELETE FROM object WHERE id = ?").execute(arguments: [id])
        }
    }

    /// The object row with this id.
    public func object(id: String) async throws -> ObjectRecord? {
        try await store.read("read object metadata", context: ["object": id]) { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM object WHERE id = ?"), arguments: [id]).map(Self.objectRecord)
        }
    }

    /// Object rows matching `query`, ordered by zone then key (bytewise).
    public func objects(matching query: ObjectQuery) async throws -> [ObjectRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let zone = query.zone {
            conditions.append("zone = ?")
            arguments += [zone.rawValue]
        }
        if let dataset = query.dataset {
            conditions.append("team = ? AND dataset = ?")
            arguments += [dataset.team, dataset.dataset]
        }
        if let prefix = query.keyPrefix, !prefix.isEmpty {
            conditions.append("key >= ?")
            arguments += [prefix]
            if let upper = SQLiteValues.upperBound(ofPrefix: prefix) {
                conditions.append("key < ?")
                arguments += [upper]
            }
        }
        var sql = "SELECT * FROM object"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY zone, key"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let finalSQL = sql
        let finalArguments = arguments
        return try await store.read("query object metadata") { db in
            try Row.fetchAll(db.cachedStatement(sql: finalSQL), arguments: finalArguments).map(Self.objectRecord)
        }
    }

    /// Object counts per zone (zones without objects are absent).
    public func objectCounts() async throws -> [Zone: Int] {
        try await store.read("count objects") { db in
            var counts: [Zone: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT zone, COUNT(*) AS n FROM object GROUP BY zone") {
                if let zone = Zone(rawValue: row["zone"]) { counts[zone] = row["n"] }
            }
            return counts
        }
    }

    static func objectRecord(_ row: Row) throws -> ObjectRecord {
        let zoneText: String = row["zone"]
        guard let zone = Zone(rawValue: zoneText) else {
            throw LakeError(.metadata, "an object row names an unknown zone", hint: "the database may be damaged", context: ["zone": zoneText])
        }
        return ObjectRecord(
            id: row["id"], zone: zone, key: row["key"], bucket: row["bucket"], size: row["size"],
            lastModified: SQLiteValues.date(row["last_modified"] as Double), timestamp: SQLiteValues.date(row["timestamp"] as Double),
            contentHash: row["content_hash"], team: row["team"], dataset: row["dataset"], table: row["tbl"],
            pipeline: row["pipeline"], pipelineStage: row["pipeline_stage"], executionId: row["execution_id"],
            rows: row["row_count"])
    }
}
