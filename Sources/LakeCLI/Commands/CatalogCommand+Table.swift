import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

extension CatalogCommand {
    struct Partitions: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "partitions", abstract: "List a table's partitions with files, rows and bytes.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let (stored, partitioned, rows) = try await context.openReadOnly(options).catalogPartitions(table)
            if output.json { return try Console.json(rows) }
            if !partitioned { return print("\(stored.database).\(stored.name) is not partitioned") }
            if rows.isEmpty { return print("no partitions") }
            print(Console.table(
                ["PARTITION", "FILES", "ROWS", "BYTES", "UPDATED"],
                rows.map { [$0.name, String($0.fileCount), String($0.rowCount), String($0.sizeBytes), ISOTime.string($0.updatedAt)] }))
            print("\(rows.count) partition(s), \(rows.reduce(0) { $0 + $1.rowCount }) row(s)")
        }
    }

    struct History: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show a table's schema versions, oldest first.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let rows = try await context.openReadOnly(options).catalogHistory(table)
            if output.json { return try Console.json(rows) }
            print(Console.table(
                ["VERSION", "AT", "COLUMNS", "CHANGE"],
                rows.map { [String($0.version), ISOTime.string($0.createdAt), String($0.columns.count), $0.change] }))
        }
    }

    struct DDL: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "ddl", abstract: "Print the Athena/Hive CREATE EXTERNAL TABLE statement of a table.")
        @Argument(help: "DATABASE.TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let ddl = try await context.openReadOnly(options).catalogDDL(table)
            if output.json { return try Console.json(ddl) }
            print(ddl.ddl, terminator: "")
        }
    }
}
