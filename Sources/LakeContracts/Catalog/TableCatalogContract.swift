import Foundation
import LakeCore

/// The ``TableCatalog`` contract: upserts, schema versions that follow column changes,
/// partitions keyed by their values with `createdAt` kept, complete and stable pagination, and
/// Glue's limit of 100 partitions per call.
///
/// Each check uses its own database, `contract_<namespace>_db`. Times the backend sets itself
/// (Glue's create times) are compared between reads, never with the values written. Error codes
/// the suite demands: `.notFound` for a table in a missing database or partitions of a missing
/// table, `.usage` for more than 100 partitions in one call.
public enum TableCatalogContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any TableCatalog>] {
        tableChecks() + conditionalChecks() + partitionChecks()
    }

    typealias Check = ContractCheck<any TableCatalog>
    typealias Fixture = ContractFixture<any TableCatalog>

    static func tableChecks() -> [Check] {
        [
            Check("database-upsert-is-idempotent") { f in
                let name = database(f)
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertDatabase(CatalogDatabase(name: name, description: "first", createdAt: t0))
                try await f.subject.upsertDatabase(CatalogDatabase(name: name, description: "second", createdAt: t0.addingTimeInterval(60)))
                let stored = try await f.subject.database(named: name)
                try ensureEqual(stored?.name, name, "database read back")
                try ensureEqual(stored?.description, "second", "description after the second upsert")
                try ensureEqual(try await f.subject.databases().filter { $0.name == name }.count, 1, "databases listed after two upserts")
                try ensure(try await f.subject.database(named: name + "_none") == nil, "database(named:) of a missing name must be nil")
            },
            Check("table-schema-versions-follow-column-changes") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                var table = makeTable(db, "legislators", at: t0)
                try await f.subject.upsertTable(table, change: "created")
                let first = try await f.subject.table(database: db, name: table.name)
                try ensureEqual(first?.schemaVersion, 1, "version of a new table")
                try ensureEqual(first?.columns, table.columns, "columns read back")
                try ensureEqual(first?.partitionKeys, table.partitionKeys, "partition keys read back")
                try ensureEqual(first?.format, .parquet, "format read back")
                try ensureEqual(first?.parameters["recordCount"], "10", "parameters read back")

                table.location += "v2/"
                table.parameters["recordCount"] = "20"
                table.updatedAt = t0.addingTimeInterval(10)
                try await f.subject.upsertTable(table, change: "nothing changed")
                let second = try await f.subject.table(database: db, name: table.name)
                try ensureEqual(second?.schemaVersion, 1, "version after an upsert with the same columns")
                try ensureEqual(second?.location, table.location, "location after upsert")
                try ensureEqual(second?.parameters["recordCount"], "20", "parameters after upsert")
                try ensureEqual(second.map { ms($0.createdAt) }, first.map { ms($0.createdAt) }, "createdAt kept")

                table.columns.append(CatalogColumn(name: "party", type: "string", parquetType: "BYTE_ARRAY/STRING"))
                table.columns[0].type = "bigint"
                try await f.subject.upsertTable(table, change: "added column party (string); widened id int -> bigint")
                let third = try await f.subject.table(database: db, name: table.name)
                try ensureEqual(third?.schemaVersion, 2, "version after a column change")
                try ensureEqual(third?.columns, table.columns, "columns after the change")
                let versions = try await f.subject.schemaVersions(database: db, table: table.name)
                try ensureEqual(versions.map(\.version), [1, 2], "schema versions, oldest first")
                try ensureEqual(versions.last?.change, "added column party (string); widened id int -> bigint", "change text")
                try ensureEqual(versions.last?.columns, table.columns, "columns of version 2")
                try ensureEqual(versions.first?.columns.count, 2, "columns of version 1")
            },
            Check("tables-listed-per-database") { f in
                let db = try await makeDatabase(f)
                let other = try await makeDatabase(f, suffix: "other")
                let t0 = wholeSecond(f.time.now())
                for name in ["persons", "memberships"] { try await f.subject.upsertTable(makeTable(db, name, at: t0), change: "created") }
                try await f.subject.upsertTable(makeTable(other, "elsewhere", at: t0), change: "created")
                try await f.subject.upsertTable(makeTable(db, "persons", at: t0), change: "created")
                try ensureEqual(Set(try await f.subject.tables(database: db).map(\.name)), ["persons", "memberships"], "tables of the database")
                try ensure(try await f.subject.table(database: db, name: "nope") == nil, "table(database:name:) of a missing table must be nil")
            },
            Check("table-in-missing-database-is-not-found") { f in
                let t0 = wholeSecond(f.time.now())
                try await ensureThrows(.notFound, "upsertTable in a missing database") {
                    try await f.subject.upsertTable(makeTable(database(f) + "_missing", "t", at: t0), change: "created")
                }
            },
        ]
    }

    /// `contract_<namespace>_db` (plus `_<suffix>`).
    static func database(_ f: Fixture, suffix: String? = nil) -> String {
        "contract_\(f.namespace)_db" + (suffix.map { "_" + $0 } ?? "")
    }

    static func makeDatabase(_ f: Fixture, suffix: String? = nil) async throws -> String {
        let name = database(f, suffix: suffix)
        try await f.subject.upsertDatabase(CatalogDatabase(name: name, createdAt: wholeSecond(f.time.now())))
        return name
    }

    static func makeTable(_ database: String, _ name: String, at date: Date, partitionKeys: [String] = ["year", "month"]) -> CatalogTable {
        CatalogTable(
            database: database, name: name,
            columns: [CatalogColumn(name: "id", type: "int", parquetType: "INT32"), CatalogColumn(name: "name", type: "string", nullable: false, comment: "full name")],
            partitionKeys: partitionKeys.map { CatalogColumn(name: $0, type: "string") },
            location: "s3://contract-bucket/\(database)/\(name)/", parameters: ["recordCount": "10", "classification": "parquet"],
            createdAt: date, updatedAt: date)
    }
}
