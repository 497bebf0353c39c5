import Foundation
import GRDB
import LakeCore

/// The embedded ``TableCatalog``: databases, tables with their schema history, and partitions
/// in one SQLite database (WAL mode), shaped like the Glue Data Catalog.
///
/// ``upsertTable(_:change:)`` compares the columns with the stored ones in the same
/// transaction and appends a ``SchemaVersionRecord`` when they differ, so concurrent writers
/// cannot skip or repeat a version. Partitions are keyed by their values and listed in a stable
/// order; an upsert keeps a partition's `createdAt`.
public final class SQLiteTableCatalog: TableCatalog {
    /// Glue's limit of partitions per call, enforced here too.
    public static let maxPartitionsPerCall = 100

    let store: SQLiteStore
    let clock: any LakeClock

    /// Opens (creating or upgrading when needed) the catalog database at `url`.
    public init(url: URL, clock: any LakeClock) throws {
        self.store = try SQLiteStore(url: url, code: .catalog, label: "catalog", migrator: Self.migrator)
        self.clock = clock
    }

    /// Creates or updates a database; `createdAt` of an existing one is kept.
    public func upsertDatabase(_ database: CatalogDatabase) async throws {
        try await store.write("record catalog database", context: ["database": database.name]) { db in
            try db.execute(
                sql: """
                    INSERT INTO catalog_database (name, description, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET description = excluded.description
                    """,
                arguments: [database.name, database.description, SQLiteValues.time(database.createdAt)])
        }
    }

    /// The database called `name`.
    public func database(named name: String) async throws -> CatalogDatabase? {
        try await store.read("read catalog database", context: ["database": name]) { db in
            try Row.fetchOne(db, sql: "SELECT * FROM catalog_database WHERE name = ?", arguments: [name]).map(Self.database(from:))
        }
    }

    /// Every database, by name.
    public func databases() async throws -> [CatalogDatabase] {
        try await store.read("list catalog databases") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM catalog_database ORDER BY name").map(Self.database(from:))
        }
    }

    static func database(from row: Row) -> CatalogDatabase {
        CatalogDatabase(name: row["name"], description: row["description"], createdAt: SQLiteValues.date(row["created_at"] as Double))
    }

    /// Throws `.notFound` unless the database exists.
    static func requireDatabase(_ db: Database, _ name: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM catalog_database WHERE name = ?", arguments: [name]) == true else {
            throw LakeError(
                .notFound, "catalog database '\(name)' does not exist", hint: "create the database first (upsertDatabase)",
                context: ["database": name])
        }
    }

    /// JSON text of a value, as a catalog error on failure.
    static func encode<T: Encodable>(_ value: T, _ what: String, _ context: [String: String]) throws(LakeError) -> String {
        do {
            return try SQLiteValues.json(value)
        } catch {
            throw LakeError(.catalog, "cannot encode the \(what)", context: context, underlying: SendableErrorBox(error))
        }
    }
}
