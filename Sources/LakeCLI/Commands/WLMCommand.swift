import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake wlm`: table priorities and the state of workload management.
struct WLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wlm", abstract: "Workload management: table priorities, import, status.",
        discussion: "Priorities are kept in the metadata store (octagon-wlm) and apply at the next routing tick. See docs/WLM.md.",
        subcommands: [Set.self, Get.self, Unset.self, List.self, Import.self, Status.self])

    /// `TEAM/DATASET/TABLE`.
    static func parseTable(_ text: String) throws -> (team: String, dataset: String, table: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("write the table as TEAM/DATASET/TABLE, e.g. demoteam/legislators/persons")
        }
        return (parts[0], parts[1], parts[2])
    }

    struct Set: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a table's level.")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @Argument(help: "A level of wlm.levels, e.g. HIGH.") var level: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            let t = try WLMCommand.parseTable(table)
            let row = try await context.open(options).setPriority(team: t.team, dataset: t.dataset, table: t.table, level: level)
            print("\(row.id): \(row.level)")
        }
    }

    struct Get: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a table's level (its default when it has no row).")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let t = try WLMCommand.parseTable(table)
            let view = try await context.openReadOnly(options).priority(team: t.team, dataset: t.dataset, table: t.table)
            if output.json { return try Console.json(view) }
            print("\(view.id): \(view.level) (\(view.source))")
        }
    }

    struct Unset: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a table's row; it falls back to its dataset's default level.")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            let t = try WLMCommand.parseTable(table)
            let level = try await context.open(options).unsetPriority(team: t.team, dataset: t.dataset, table: t.table)
            print("\(t.team)-\(t.dataset)-\(t.table): default (\(level))")
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List table priorities.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let rows = try await context.openReadOnly(options).priorities()
            if output.json { return try Console.json(rows) }
            if rows.isEmpty {
                print("no priority rows; every table has its dataset's default level")
                return
            }
            print(Console.table(["TABLE", "LEVEL", "SOURCE", "UPDATED"], rows.map { [$0.id, $0.level, $0.source.rawValue, ISOTime.string($0.updatedAt)] }))
        }
    }

    struct Import: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Load the reference WLM priority JSON for a team.",
            discussion: "Format: {\"<dataset>\": [{\"table_name\": \"regions\", \"priority\": \"LOW\"}, ...]}")
        @Argument(help: "The priority JSON file.") var file: String
        @Option(help: "The team the datasets belong to.") var team: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LakeError(.usage, "cannot read \(file)", hint: "check the path")
            }
            let (rows, unknown) = try await context.open(options).importPriorities(data, team: team)
            if output.json {
                try Console.json(rows)
            } else {
                print("imported \(rows.count) priorit\(rows.count == 1 ? "y" : "ies") for team \(team)")
            }
            for ref in unknown { Console.note("note: dataset \(ref) is not in lake.yaml (yet); its rows apply once it is") }
        }
    }

    struct Status: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Queue depth, oldest message, waits and slots per dataset and level.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let status = try await context.openReadOnly(options).wlmStatus()
            if output.json { return try Console.json(status) }
            func seconds(_ v: Double?) -> String { v.map { String(format: "%.1fs", $0) } ?? "-" }
            print(Console.table(
                ["DATASET", "LEVEL", "VISIBLE", "IN FLIGHT", "OLDEST", "WAIT P50", "WAIT P99", "STARTED (1H)"],
                status.levels.map { [$0.dataset, $0.level, String($0.visible), String($0.inFlight), seconds($0.oldestAgeSeconds), seconds($0.waitP50Seconds), seconds($0.waitP99Seconds), String($0.startedLastHour)] }))
            print("")
            for p in status.pipelines { print("\(p.pipeline): \(p.running) of \(p.slots) slot(s) running") }
            if let global = status.globalSlots { print("all pipelines: \(status.globalRunning) of \(global)") }
        }
    }
}
