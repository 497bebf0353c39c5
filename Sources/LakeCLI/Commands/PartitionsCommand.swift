import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeRuntime

/// `lake partitions sync`: registers the partitions of raw tables (DESIGN §3.4) on demand.
struct PartitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions", abstract: "Keep the partitions of raw tables registered in the catalog.",
        subcommands: [Sync.self])

    struct Sync: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync", abstract: "Register the missing partitions of raw tables; report malformed directories and gaps.",
            discussion: """
                Raw tables are the tables of lake.yaml with a `raw:` section. Without --from/--to every partition \
                directory is discovered; with them only those overlapping the window. Partitions the layout expects \
                in the window (default: catalog.partition_sync's, 7 days ago to tomorrow) but storage lacks are \
                reported as missing. Running it again when nothing changed writes nothing.
                """)

        @Option(help: "Only the raw tables of this database.") var database: String?
        @Option(help: "Only this table (TABLE or DATABASE.TABLE).") var table: String?
        @Option(help: "First day of the window, yyyy-MM-dd (UTC).") var from: String?
        @Option(help: "Last day of the window, yyyy-MM-dd (UTC).") var to: String?
        @Flag(help: "Show what would be registered without writing.") var dryRun = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let parsedFrom = try from.map { try Self.day($0, "--from") }
            let parsedTo = try to.map { try Self.day($0, "--to") }
            let runtime = dryRun ? try await context.openReadOnly(options) : try await context.open(options)
            let job = runtime.partitionJob
            var window: PartitionWindow?
            if parsedFrom != nil || parsedTo != nil {
                let defaults = job.defaultWindow
                let chosen = PartitionWindow(from: parsedFrom ?? defaults.from, to: parsedTo ?? defaults.to)
                guard chosen.from <= chosen.to else { throw ValidationError("--from \(chosen.from) is after --to \(chosen.to)") }
                window = chosen
            }
            if job.rawTables.isEmpty, database == nil, table == nil {
                if output.json {
                    try Console.json(PartitionSyncReport(
                        dryRun: dryRun, window: window, expectedWindow: window ?? job.defaultWindow, tables: [], elapsedSeconds: 0))
                } else {
                    print("no raw tables: add `raw: {format: json, partitions: \"dt={yyyy-MM-dd}\"}` to a table in lake.yaml")
                }
                return
            }
            let report = try await job.run(PartitionSyncJob.Request(database: database, table: table, window: window, dryRun: dryRun))
            if output.json {
                try Console.json(report)
            } else {
                print(Self.text(report))
            }
            if report.failed > 0 {
                throw CommandFailure(code: 1, message: output.json ? "" : "\(report.failed) table(s) could not be synced")
            }
        }

        static func day(_ text: String, _ option: String) throws -> PartitionWindow.Day {
            guard let day = PartitionWindow.Day(parsing: text) else { throw ValidationError("\(option) takes a day as yyyy-MM-dd, not '\(text)'") }
            return day
        }

        /// The report for people: per table what was added, skipped, malformed and missing.
        static func text(_ report: PartitionSyncReport) -> String {
            let verb = report.dryRun ? "would add" : "added"
            var lines: [String] = []
            for t in report.tables {
                lines.append("\(t.database).\(t.table) [\(t.layout)]: \(verb) \(t.added.count), already registered \(t.skipped), "
                    + "malformed \(t.malformed.count), missing \(t.missing.count)" + (t.createdTable ? " (table \(report.dryRun ? "to be " : "")created)" : ""))
                lines += sample(t.added.map { "  + \($0)" })
                lines += sample(t.malformed.map { "  ! \($0.path): \($0.reason)" })
                lines += sample(t.missing.map { "  - \($0) (expected in \(report.expectedWindow), not in storage)" })
                if let error = t.error { lines.append("  error: \(error)") }
            }
            lines.append(String(
                format: "%@ %d partition(s) in %d write call(s) across %d table(s) in %.2fs", verb, report.added, report.writeCalls,
                report.tables.count, report.elapsedSeconds))
            return lines.joined(separator: "\n")
        }

        /// The first 20 lines, then a count of the rest.
        static func sample(_ lines: [String]) -> [String] {
            lines.count <= 20 ? lines : Array(lines.prefix(20)) + ["  ... and \(lines.count - 20) more (--json lists all)"]
        }
    }
}
