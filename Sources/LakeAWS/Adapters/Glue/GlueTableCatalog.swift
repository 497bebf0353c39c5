import Foundation
import LakeCore

/// The table-catalog port on the Glue Data Catalog: databases, tables and partitions map one to
/// one (``GlueCatalogMapping`` says how), so Athena, Spark and Trino read what SwiftLake writes.
///
/// Schema versions are Glue table versions: every column change raises `swiftlake.schema_version`
/// and records the change text in the table's parameters; ``schemaVersions(database:table:)``
/// reads them back from GetTableVersions. Updates that keep the columns ask Glue not to archive
/// a version; conditional updates use Glue's optimistic locking (`VersionId`). Partitions are created in batches of at most 100; existing ones are updated with
/// their creation time kept. Errors: `.notFound` for a missing database or table, `.usage` for
/// more than 100 partitions, `.catalog` for partitions Glue refused (each named).
public struct GlueTableCatalog: TableCatalog {
    /// The Glue client.
    public let client: GlueClient
    /// Stamps databases created without a time of their own.
    let clock: any LakeClock

    /// Creates the catalog.
    public init(client: GlueClient, clock: any LakeClock) {
        self.client = client
        self.clock = clock
    }

    /// Creates the Glue database, or updates its description keeping its creation time.
    public func upsertDatabase(_ database: CatalogDatabase) async throws {
        var glue = GlueDatabase(
            name: database.name, description: database.description,
            parameters: [GlueCatalogMapping.Key.createdAt: AWSDateFormat.formatISO8601(database.createdAt)])
        if try await client.createDatabase(glue) { return }
        if let existing = try await client.database(database.name),
           let created = existing.parameters?[GlueCatalogMapping.Key.createdAt]
        {
            glue.parameters?[GlueCatalogMapping.Key.createdAt] = created
        }
        try await client.updateDatabase(glue)
    }

    /// The Glue database `name`, or nil.
    public func database(named name: String) async throws -> CatalogDatabase? {
        try await client.database(name).map(GlueTableCatalog.catalogDatabase)
    }

    /// Every Glue database, by name.
    public func databases() async throws -> [CatalogDatabase] {
        try await client.databases().map(GlueTableCatalog.catalogDatabase).sorted { $0.name < $1.name }
    }

    static func catalogDatabase(_ glue: GlueDatabase) -> CatalogDatabase {
        CatalogDatabase(
            name: glue.name, description: glue.description,
            createdAt: glue.parameters?[GlueCatalogMapping.Key.createdAt].flatMap(AWSDateFormat.parseISO8601) ?? glue.createTime
                ?? Date(timeIntervalSince1970: 0))
    }

    /// Creates or replaces the table; a column change raises its schema version and records `change`.
    public func upsertTable(_ table: CatalogTable, change: String) async throws {
        let existing = try await client.table(database: table.database, name: table.name)
        guard let existing else {
            if try await create(table, change: change) { return }
            // Created by someone else meanwhile: update it like an existing one.
            return try await upsertTable(table, change: change)
        }
        let (input, skipArchive) = replacement(of: existing, with: table, change: change)
        try await client.updateTable(database: table.database, input, skipArchive: skipArchive)
    }

    /// Writes the table only over the schema version the caller read: CreateTable when
    /// `expected` is nil (false when the table exists), else UpdateTable with the `VersionId`
    /// of the table read here, so Glue refuses it (false) when another writer got there in
    /// between — Glue's optimistic locking. (moto ignores `VersionId`; there the check is the
    /// read-compare before the write.)
    public func upsertTable(_ table: CatalogTable, change: String, ifSchemaVersion expected: Int?) async throws -> Bool {
        guard let expected else { return try await create(table, change: change) }
        guard let existing = try await client.table(database: table.database, name: table.name),
              GlueCatalogMapping.table(existing, database: table.database).schemaVersion == expected
        else { return false }
        let (input, skipArchive) = replacement(of: existing, with: table, change: change)
        do {
            try await client.updateTable(database: table.database, input, skipArchive: skipArchive, versionId: existing.versionId)
            return true
        } catch where GlueClient.isConcurrentModification(error) {
            return false
        }
    }

    /// CreateTable at schema version 1; false when the table exists already.
    private func create(_ table: CatalogTable, change: String) async throws -> Bool {
        let input = GlueCatalogMapping.input(table, schemaVersion: 1, change: change, changedAt: table.updatedAt, createdAt: table.createdAt)
        do {
            return try await client.createTable(database: table.database, input)
        } catch where GlueClient.isNotFound(error) {
            throw missingDatabase(table.database, error)
        }
    }

    /// The UpdateTable input that replaces `existing` by `table`: the schema version goes up
    /// (and Glue archives a version) only when the columns change; otherwise the last change's
    /// text and time are kept.
    private func replacement(of existing: GlueTable, with table: CatalogTable, change: String) -> (GlueTableInput, skipArchive: Bool) {
        let stored = GlueCatalogMapping.table(existing, database: table.database)
        let parameters = existing.input.parameters ?? [:]
        let columnsChanged = stored.columns != table.columns
        let version = columnsChanged ? stored.schemaVersion + 1 : stored.schemaVersion
        let input = GlueCatalogMapping.input(
            table, schemaVersion: version,
            change: columnsChanged ? change : parameters[GlueCatalogMapping.Key.schemaChange] ?? change,
            changedAt: columnsChanged
                ? table.updatedAt : parameters[GlueCatalogMapping.Key.schemaChangedAt].flatMap(AWSDateFormat.parseISO8601) ?? stored.createdAt,
            createdAt: stored.createdAt)
        return (input, !columnsChanged)
    }

    /// The table, or nil.
    public func table(database: String, name: String) async throws -> CatalogTable? {
        try await client.table(database: database, name: name).map { GlueCatalogMapping.table($0, database: database) }
    }

    /// Every table of a database, by name; `.notFound` when the database is missing.
    public func tables(database: String) async throws -> [CatalogTable] {
        do {
            return try await client.tables(database: database).map { GlueCatalogMapping.table($0, database: database) }
                .sorted { $0.name < $1.name }
        } catch where GlueClient.isNotFound(error) {
            throw missingDatabase(database, error)
        }
    }

    /// The table's schema versions, oldest first, from its Glue table versions.
    public func schemaVersions(database: String, table: String) async throws -> [SchemaVersionRecord] {
        let versions: [GlueTable]
        do {
            versions = try await client.tableVersions(database: database, table: table)
        } catch where GlueClient.isNotFound(error) {
            return []
        }
        var records: [SchemaVersionRecord] = []
        for version in versions {
            let parameters = version.input.parameters ?? [:]
            let table = GlueCatalogMapping.table(version, database: database)
            if let last = records.last, last.version >= table.schemaVersion { continue }
            records.append(
                SchemaVersionRecord(
                    version: table.schemaVersion, columns: table.columns,
                    createdAt: parameters[GlueCatalogMapping.Key.schemaChangedAt].flatMap(AWSDateFormat.parseISO8601) ?? table.updatedAt,
                    change: parameters[GlueCatalogMapping.Key.schemaChange] ?? ""))
        }
        return records
    }

    func missingDatabase(_ database: String, _ error: any Error) -> LakeError {
        LakeError(
            .notFound, "the Glue database \(database) does not exist", hint: "upsert the database first (`lake aws bootstrap` does)",
            context: ["database": database], underlying: error as? LakeError)
    }

    func missingTable(_ database: String, _ table: String, _ error: (any Error)? = nil) -> LakeError {
        LakeError(
            .notFound, "the Glue table \(database).\(table) does not exist", hint: "upsert the table before its partitions",
            context: ["database": database, "table": table], underlying: error as? LakeError)
    }
}
