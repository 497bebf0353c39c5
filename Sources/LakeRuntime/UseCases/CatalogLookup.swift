import Foundation
import LakeCore
import LakeEngine

/// Finds catalog databases and tables for the `lake catalog` commands; a name that does not
/// exist is a `.notFound` error whose hint lists what does.
struct CatalogLookup {
    let catalog: any TableCatalog
    let naming: CatalogNaming

    /// This lake's databases, by name.
    func databases() async throws -> [CatalogDatabase] {
        try await catalog.databases().filter { naming.owns(database: $0.name) }
    }

    /// Splits `DB.TABLE` (database names have no dots; a table name cannot be empty).
    static func split(_ text: String) throws -> (database: String, table: String) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw LakeError(.usage, "'\(text)' is not a table name", hint: "write the table as DATABASE.TABLE, e.g. acme_datalake_dev_demoteam_legislators_db.persons (see `lake catalog tables`)")
        }
        return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }

    /// The database, or a `.notFound` error listing the databases.
    func database(_ name: String) async throws -> CatalogDatabase {
        if let database = try await catalog.database(named: name) { return database }
        let names = try await databases().map(\.name)
        throw LakeError(
            .notFound, "no catalog database '\(name)'",
            hint: names.isEmpty
                ? "the catalog is empty: databases appear when stage B writes Parquet tables (`lake process --until-idle`) or `lake partitions sync` registers raw tables"
                : "databases: " + names.joined(separator: ", "),
            context: ["database": name])
    }

    /// The table, or a `.notFound` error listing the database's tables (or the databases).
    func table(_ qualified: String) async throws -> CatalogTable {
        let (databaseName, name) = try Self.split(qualified)
        _ = try await database(databaseName)
        if let table = try await catalog.table(database: databaseName, name: name) { return table }
        let names = try await catalog.tables(database: databaseName).map(\.name)
        throw LakeError(
            .notFound, "no table '\(name)' in catalog database '\(databaseName)'",
            hint: names.isEmpty ? "the database has no tables yet" : "tables: " + names.joined(separator: ", "),
            context: ["database": databaseName, "table": name])
    }
}
