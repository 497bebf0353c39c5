import Foundation
import LakeCore
import LakeEngine

extension LakeRuntime {
    /// This lake's catalog databases with their table counts (an account's Glue catalog also
    /// holds other lakes' and environments' databases; they are left out).
    public func catalogDatabases() async throws -> [CatalogViews.Database] {
        let catalog = env.catalog
        var rows: [CatalogViews.Database] = []
        for database in try await CatalogLookup(catalog: catalog, naming: CatalogNaming(config: env.config)).databases() {
            rows.append(CatalogViews.Database(
                name: database.name, zone: database.name.hasSuffix("_raw_db") ? "raw" : "analytics",
                description: database.description, createdAt: database.createdAt,
                tables: try await catalog.tables(database: database.name).count))
        }
        return rows
    }

    /// The tables of `database` (every database of this lake when nil), in brief.
    public func catalogTables(database: String? = nil) async throws -> [CatalogViews.TableSummary] {
        let lookup = CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config))
        let names: [String]
        if let database {
            names = [try await lookup.database(database).name]
        } else {
            names = try await lookup.databases().map(\.name)
        }
        var rows: [CatalogViews.TableSummary] = []
        for name in names { rows += try await env.catalog.tables(database: name).map(CatalogViews.TableSummary.init) }
        return rows
    }

    /// One table (`DB.TABLE`) in full, with its partition count.
    public func catalogTable(_ qualified: String) async throws -> CatalogViews.Table {
        let stored = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        let partitions = stored.partitionKeys.isEmpty ? 0 : try await env.catalog.allPartitions(database: stored.database, table: stored.name).count
        return CatalogViews.Table(stored, partitions: partitions)
    }

    /// A table's partitions; `isPartitioned` false when the table has no partition keys.
    public func catalogPartitions(_ qualified: String) async throws -> (table: CatalogViews.Table, isPartitioned: Bool, partitions: [CatalogViews.Partition]) {
        let stored = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        let keys = stored.partitionKeys.map(\.name)
        let rows = stored.partitionKeys.isEmpty
            ? [] : try await env.catalog.allPartitions(database: stored.database, table: stored.name).map { CatalogViews.Partition($0, keys: keys) }
        return (CatalogViews.Table(stored, partitions: rows.count), !stored.partitionKeys.isEmpty, rows)
    }

    /// A table's schema versions, oldest first.
    public func catalogHistory(_ qualified: String) async throws -> [CatalogViews.Version] {
        let stored = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        return try await env.catalog.schemaVersions(database: stored.database, table: stored.name)
            .map { CatalogViews.Version(version: $0.version, createdAt: $0.createdAt, change: $0.change, columns: $0.columns) }
    }

    /// A table's Athena `CREATE EXTERNAL TABLE` statement.
    public func catalogDDL(_ qualified: String) async throws -> CatalogViews.DDL {
        let stored = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        return CatalogViews.DDL(database: stored.database, table: stored.name, ddl: TableDDL.createTable(stored))
    }

    /// One table with its partitions, schema history and DDL.
    public func catalogTableDetail(_ qualified: String) async throws -> CatalogViews.TableDetail {
        let (table, _, partitions) = try await catalogPartitions(qualified)
        return CatalogViews.TableDetail(
            table: table, partitions: partitions, history: try await catalogHistory(qualified), ddl: try await catalogDDL(qualified).ddl)
    }

    /// The partition job (raw tables laid out by hand) over this lake; run it with
    /// ``PartitionSyncJob/run(_:)`` (a dry run on a read-only runtime writes nothing).
    public var partitionJob: PartitionSyncJob { PartitionSyncJob(env: env) }
}
