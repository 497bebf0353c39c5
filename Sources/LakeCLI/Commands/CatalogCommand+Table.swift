import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

extension CatalogCommand {
    struct Partitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "partitions", abstract: "List a table's partitions with files, rows and bytes.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let catalog = try await LakeHandle.open(options).env.catalog
            let stored = try await CatalogLookup(catalog: catalog).table(table)
            let keys = stored.partitionKeys.map(\.name)
            let rows = stored.partitionKeys.isEmpty
                ? [] : try await catalog.allPartitions(database: stored.database, table: stored.name).map { CatalogRows.Partition($0, keys: keys) }
            if output.json { return try Console.json(rows) }
            if stored.partitionKeys.isEmpty { return print("\(stored.database).\(stored.name) is not partitioned") }
            if rows.isEmpty { return print("no partitions") }
            print(Console.table(
                ["PARTITION", "FILES", "ROWS", "BYTES", "UPDATED"],
                rows.map { [$0.name, String($0.fileCount), String($0.rowCount), String($0.sizeBytes), ISOTime.string($0.updatedAt)] }))
            print("\(rows.count) partition(s), \(rows.reduce(0) { $0 + $1.rowCount }) row(s)")
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show a table's schema versions, oldest first.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let catalog = try await LakeHandle.open(options).env.catalog
            let stored = try await CatalogLookup(catalog: catalog).table(table)
            let versions = try await catalog.schemaVersions(database: stored.database, table: stored.name)
            let rows = versions.map { CatalogRows.Version(version: $0.version, createdAt: $0.createdAt, change: $0.change, columns: $0.columns) }
            if output.json { return try Console.json(rows) }
            print(Console.table(
                ["VERSION", "AT", "COLUMNS", "CHANGE"],
                rows.map { [String($0.version), ISOTime.string($0.createdAt), String($0.columns.count), $0.change] }))
        }
    }

    struct DDL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ddl", abstract: "Print the Athena/Hive CREATE EXTERNAL TABLE statement of a table.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let catalog = try await LakeHandle.open(options).env.catalog
            let stored = try await CatalogLookup(catalog: catalog).table(table)
            let ddl = TableDDL.createTable(stored)
            if output.json { return try Console.json(CatalogRows.DDL(database: stored.database, table: stored.name, ddl: ddl)) }
            print(ddl, terminator: "")
        }
    }
}
