import Foundation
import GRDB
import LakeCore

extension SQLiteTableCatalog {
    /// Creates or replaces a table. When its columns differ from the stored ones (or it is new),
    /// appends a ``SchemaVersionRecord`` described by `change` and stores that version number;
    /// otherwise keeps the stored version. An existing table keeps its `createdAt`. Throws
    /// `.notFound` when the database does not exist.
    public func upsertTable(_ table: CatalogTable, change: String) async throws {
        _ = try await write(table, change: change, condition: .always)
    }

    /// Like ``upsertTable(_:change:)``, only when the stored schema version is `expected` (nil:
    /// no stored table), checked in the same transaction. Returns false, writing nothing, otherwise.
    public func upsertTable(_ table: CatalogTable, change: String, ifSchemaVersion expected: Int?) async throws -> Bool {
        try await write(table, change: change, condition: .schemaVersion(expected))
    }

    /// When a table write goes ahead.
    enum WriteCondition {
        case always
        /// Only when the stored schema version is this (nil: no stored table).
        case schemaVersion(Int?)
    }

    private func write(_ table: CatalogTable, change: String, condition: WriteCondition) async throws -> Bool {
        let context = ["database": table.database, "table": table.name]
        let columns = try Self.encode(table.columns, "table columns", context)
        let partitionKeys = try Self.encode(table.partitionKeys, "partition keys", context)
        let parameters = try table.parameters.isEmpty ? nil : Self.encode(table.parameters, "table parameters", context)
        let now = SQLiteValues.time(clock.now())
        return try await store.write("record catalog table", context: context) { db in
            try Self.requireDatabase(db, table.database)
            let existing = try Row.fetchOne(
                db, sql: "SELECT columns, schema_version, created_at FROM catalog_table WHERE database = ? AND name = ?",
                arguments: [table.database, table.name])
            if case .schemaVersion(let expected) = condition {
                let stored: Int? = existing.map { $0["schema_version"] }
                guard stored == expected else { return false }
            }
            var version = 1
            var createdAt = SQLiteValues.time(table.createdAt)
            var changed = true
            if let existing {
                let stored = try SQLiteValues.decode([CatalogColumn].self, from: existing["columns"])
                version = existing["schema_version"]
                createdAt = existing["created_at"]
                if stored == table.columns {
                    changed = false
                } else {
                    version += 1
                }
            }
            if changed {
                try db.execute(
                    sql: """
                        INSERT INTO schema_version (database, tbl, version, columns, created_at, change) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (database, tbl, version) DO UPDATE SET
                            columns = excluded.columns, created_at = excluded.created_at, change = excluded.change
                        """,
                    arguments: [table.database, table.name, version, columns, now, change])
            }
            try db.execute(
                sql: """
                    INSERT INTO catalog_table (database, name, columns, partition_keys, location, format, classification, parameters,
                                               schema_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (database, name) DO UPDATE SET
                        columns = excluded.columns, partition_keys = excluded.partition_keys, location = excluded.location,
                        format = excluded.format, classification = excluded.classification, parameters = excluded.parameters,
                        schema_version = excluded.schema_version, updated_at = excluded.updated_at
                    """,
                arguments: [
                    table.database, table.name, columns, partitionKeys, table.location, table.format.rawValue, table.classification,
                    parameters, version, createdAt, SQLiteValues.time(table.updatedAt),
                ])
            return true
        }
    }

    /// The table, or nil.
    public func table(database: String, name: String) async throws -> CatalogTable? {
        try await store.read("read catalog table", context: ["database": database, "table": name]) { db in
            try Row.fetchOne(db, sql: "SELECT * FROM catalog_table WHERE database = ? AND name = ?", arguments: [database, name])
                .map(Self.table(from:))
        }
    }

    /// The database's tables, by name.
    public func tables(database: String) async throws -> [CatalogTable] {
        try await store.read("list catalog tables", context: ["database": database]) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM catalog_table WHERE database = ? ORDER BY name", arguments: [database])
                .map(Self.table(from:))
        }
    }

    /// The table's schema versions, oldest first.
    public func schemaVersions(database: String, table: String) async throws -> [SchemaVersionRecord] {
        try await store.read("read schema versions", context: ["database": database, "table": table]) { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM schema_version WHERE database = ? AND tbl = ? ORDER BY version", arguments: [database, table]
            ).map { row in
                SchemaVersionRecord(
                    version: row["version"], columns: try SQLiteValues.decode([CatalogColumn].self, from: row["columns"]),
                    createdAt: SQLiteValues.date(row["created_at"] as Double), change: row["change"])
            }
        }
    }

    static func table(from row: Row) throws -> CatalogTable {
        let database: String = row["database"]
        let name: String = row["name"]
        guard let format = TableFormat(rawValue: row["format"]) else {
            throw LakeError(.catalog, "a catalog table has an unknown format", hint: "the database may be damaged", context: ["database": database, "table": name])
        }
        let parameters: String? = row["parameters"]
        return CatalogTable(
            database: database, name: name, columns: try SQLiteValues.decode([CatalogColumn].self, from: row["columns"]),
            partitionKeys: try SQLiteValues.decode([CatalogColumn].self, from: row["partition_keys"]), location: row["location"],
            format: format, classification: row["classification"],
            parameters: try parameters.map { try SQLiteValues.decode([String: String].self, from: $0) } ?? [:],
            schemaVersion: row["schema_version"], createdAt: SQLiteValues.date(row["created_at"] as Double),
            updatedAt: SQLiteValues.date(row["updated_at"] as Double))
    }
}
