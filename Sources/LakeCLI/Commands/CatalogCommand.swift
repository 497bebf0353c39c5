import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake catalog`: the table catalog — databases, tables, partitions, schema history, DDL.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Show the table catalog: databases, tables, partitions, schema history and DDL.",
        discussion: "Analytics tables live in <org>_<app>_<env>_<team>_<dataset>_db, raw tables in ..._raw_db.",
        subcommands: [Databases.self, Tables.self, Table.self, Partitions.self, History.self, DDL.self])

    struct Databases: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "databases", abstract: "List the catalog's databases.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let rows = try await context.openReadOnly(options).catalogDatabases()
            if output.json { return try Console.json(rows) }
            if rows.isEmpty { return print("no databases (stage B creates them as it writes Parquet tables)") }
            print(Console.table(["DATABASE", "ZONE", "TABLES", "CREATED"], rows.map { [$0.name, $0.zone, String($0.tables), ISOTime.string($0.createdAt)] }))
        }
    }

    struct Tables: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "tables", abstract: "List the tables of a database, or of all.")
        @Argument(help: "A database (default: every database).") var database: String?
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let rows = try await context.openReadOnly(options).catalogTables(database: database)
            if output.json { return try Console.json(rows) }
            if rows.isEmpty { return print("no tables") }
            print(Console.table(
                ["TABLE", "FORMAT", "VERSION", "COLUMNS", "PARTITIONED BY", "ROWS", "FILES", "UPDATED"],
                rows.map { t in
                    ["\(t.database).\(t.name)", t.format, String(t.schemaVersion), String(t.columns),
                     t.partitionKeys.isEmpty ? "-" : t.partitionKeys.joined(separator: ", "),
                     t.recordCount.map(String.init) ?? "-", t.numFiles.map(String.init) ?? "-", ISOTime.string(t.updatedAt)]
                }))
        }
    }

    struct Table: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "table", abstract: "Show one table: columns, partition keys, location, parameters.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let row = try await context.openReadOnly(options).catalogTable(table)
            if output.json { return try Console.json(row) }
            print("\(row.database).\(row.name)  (\(row.format), schema version \(row.schemaVersion), \(row.partitions) partition(s))")
            print("location: \(row.location)")
            print("")
            print(Console.table(
                ["COLUMN", "TYPE", "PARQUET TYPE", "NULLABLE"],
                row.columns.map { [$0.name, $0.type, $0.parquetType ?? "-", $0.nullable ? "yes" : "no"] }
                    + row.partitionKeys.map { [$0.name, $0.type, "(partition key)", "yes"] }))
            if !row.parameters.isEmpty {
                print("")
                print(Console.table(["PARAMETER", "VALUE"], row.parameters.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }))
            }
        }
    }
}
