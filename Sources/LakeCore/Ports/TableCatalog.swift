import Foundation

/// The table-catalog port, shaped so the AWS adapter maps one-to-one onto the Glue Data Catalog.
///
/// Guarantees every adapter keeps (checked by `TableCatalogContract`):
/// - Upserts: writing a database, table or partition twice leaves one.
/// - ``upsertTable(_:change:)`` appends a ``SchemaVersionRecord`` whenever the columns differ
///   from the stored ones, and the stored table's `schemaVersion` is that version.
/// - ``upsertPartitions(database:table:_:)`` takes at most 100 partitions (Glue's limit).
/// - ``upsertTable(_:change:ifSchemaVersion:)`` writes only when the stored schema version is
///   the one the caller read, so two crawlers merging schemas cannot lose each other's columns.
public protocol TableCatalog: Sendable {
    func upsertDatabase(_ database: CatalogDatabase) async throws
    func database(named name: String) async throws -> CatalogDatabase?
    func databases() async throws -> [CatalogDatabase]

    /// Creates or replaces a table; `change` describes a schema change for the history.
    func upsertTable(_ table: CatalogTable, change: String) async throws
    /// Like ``upsertTable(_:change:)``, but only when the stored table's `schemaVersion` is
    /// still `expected` (nil: only when there is no such table yet). Returns false, writing
    /// nothing, when another writer got there first: read the table again and retry. Glue maps
    /// this to CreateTable (fails with AlreadyExists) or UpdateTable with the VersionId read.
    func upsertTable(_ table: CatalogTable, change: String, ifSchemaVersion expected: Int?) async throws -> Bool
    func table(database: String, name: String) async throws -> CatalogTable?
    func tables(database: String) async throws -> [CatalogTable]
    /// Oldest first.
    func schemaVersions(database: String, table: String) async throws -> [SchemaVersionRecord]

    /// Creates or refreshes up to 100 partitions.
    func upsertPartitions(database: String, table: String, _ partitions: [CatalogPartition]) async throws
    func partitions(database: String, table: String, after token: String?, limit: Int) async throws -> PartitionPage
}

extension TableCatalog {
    /// A read-compare-write fallback for adapters without a conditional write. It is not
    /// atomic: adapters that can should override it.
    public func upsertTable(_ table: CatalogTable, change: String, ifSchemaVersion expected: Int?) async throws -> Bool {
        let stored = try await self.table(database: table.database, name: table.name)
        guard stored?.schemaVersion == expected else { return false }
        try await upsertTable(table, change: change)
        return true
    }

    /// Every partition of a table, following pages.
    public func allPartitions(database: String, table: String) async throws -> [CatalogPartition] {
        var all: [CatalogPartition] = []
        var token: String?
        repeat {
            let page = try await partitions(database: database, table: table, after: token, limit: 1000)
            all += page.partitions
            token = page.nextToken
        } while token != nil
        return all
    }

    /// Upserts any number of partitions in calls of at most 100.
    public func upsertAllPartitions(database: String, table: String, _ partitions: [CatalogPartition]) async throws {
        var start = 0
        while start < partitions.count {
            let end = min(start + 100, partitions.count)
            try await upsertPartitions(database: database, table: table, Array(partitions[start..<end]))
            start = end
        }
    }
}
