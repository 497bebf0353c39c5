import Foundation
import GRDB
import LakeCore

extension SQLiteTableCatalog {
    /// Creates or refreshes up to 100 partitions of a table in one transaction (an existing
    /// partition keeps its `createdAt`). Throws `.usage` for more than 100 partitions or values
    /// that do not match the table's partition keys, `.notFound` when the table does not exist.
    public func upsertPartitions(database: String, table: String, _ partitions: [CatalogPartition]) async throws {
        let context = ["database": database, "table": table]
        guard partitions.count <= Self.maxPartitionsPerCall else {
            throw LakeError(
                .usage, "upsertPartitions takes at most \(Self.maxPartitionsPerCall) partitions, not \(partitions.count)",
                hint: "use upsertAllPartitions, which sends batches of 100 (Glue's limit)", context: context)
        }
        guard !partitions.isEmpty else { return }
        let rows = try partitions.map { p throws(LakeError) in (p, try Self.encode(p.values, "partition values", context)) }
        try await store.write("record partitions", context: context) { db in
            let keys = try Self.partitionKeyCount(db, database: database, table: table)
            for (partition, _) in rows where partition.values.count != keys {
                throw LakeError(
                    .usage, "a partition has \(partition.values.count) values but the table has \(keys) partition keys",
                    hint: "give one value per partition key, in key order", context: context)
            }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO catalog_partition (database, tbl, vals, location, file_count, row_count, size_bytes, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (database, tbl, vals) DO UPDATE SET
                        location = excluded.location, file_count = excluded.file_count, row_count = excluded.row_count,
                        size_bytes = excluded.size_bytes, updated_at = excluded.updated_at
                    """)
            for (p, values) in rows {
                try statement.execute(arguments: [
                    database, table, values, p.location, p.fileCount, p.rowCount, p.sizeBytes, SQLiteValues.time(p.createdAt),
                    SQLiteValues.time(p.updatedAt),
                ])
            }
        }
    }

    /// One page of a table's partitions, in a stable order (by their encoded values), after the
    /// token of the previous page. Throws `.notFound` when the table does not exist.
    public func partitions(database: String, table: String, after token: String?, limit: Int) async throws -> PartitionPage {
        let context = ["database": database, "table": table]
        guard limit >= 1 else {
            throw LakeError(.usage, "a partition page holds at least 1 partition, not \(limit)", hint: "pass a limit of 1 or more", context: context)
        }
        return try await store.read("list partitions", context: context) { db in
            _ = try Self.partitionKeyCount(db, database: database, table: table)
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM catalog_partition WHERE database = ? AND tbl = ? AND vals > ? ORDER BY vals LIMIT ?"),
                arguments: [database, table, token ?? "", limit + 1])
            var partitions: [CatalogPartition] = []
            var lastKey: String?
            for row in rows.prefix(limit) {
                let values: String = row["vals"]
                lastKey = values
                partitions.append(
                    CatalogPartition(
                        values: try SQLiteValues.decode([String].self, from: values), location: row["location"],
                        fileCount: row["file_count"], rowCount: row["row_count"], sizeBytes: row["size_bytes"],
                        createdAt: SQLiteValues.date(row["created_at"] as Double), updatedAt: SQLiteValues.date(row["updated_at"] as Double)))
            }
            return PartitionPage(partitions: partitions, nextToken: rows.count > limit ? lastKey : nil)
        }
    }

    /// The number of partition keys of a table; throws `.notFound` when it does not exist.
    static func partitionKeyCount(_ db: Database, database: String, table: String) throws -> Int {
        guard let keys = try String.fetchOne(
            db, sql: "SELECT partition_keys FROM catalog_table WHERE database = ? AND name = ?", arguments: [database, table])
        else {
            throw LakeError(
                .notFound, "catalog table \(database).\(table) does not exist", hint: "create the table first (upsertTable)",
                context: ["database": database, "table": table])
        }
        return try SQLiteValues.decode([CatalogColumn].self, from: keys).count
    }
}
