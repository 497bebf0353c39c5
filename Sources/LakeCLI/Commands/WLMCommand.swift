import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

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

    static func checkLevel(_ level: String, _ config: LakeConfig) throws {
        guard config.wlm.levels.contains(level) else {
            throw LakeError(.usage, "'\(level)' is not a WLM level", hint: "levels in lake.yaml: \(config.wlm.levels.joined(separator: ", "))")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a table's level.")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @Argument(help: "A level of wlm.levels, e.g. HIGH.") var level: String
        @OptionGroup var options: ConfigOptions
        func run() async throws {
            let t = try WLMCommand.parseTable(table)
            let handle = try await LakeHandle.open(options)
            try WLMCommand.checkLevel(level, handle.config)
            try await handle.engine.prepare()
            try await handle.env.metadata.setPriorities([TablePriority(team: t.team, dataset: t.dataset, table: t.table, level: level, source: .cli, updatedAt: handle.env.clock.now())])
            print("\(t.team)-\(t.dataset)-\(t.table): \(level)")
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a table's level (its default when it has no row).")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run() async throws {
            let t = try WLMCommand.parseTable(table)
            let handle = try await LakeHandle.open(options)
            let id = TablePriority.id(team: t.team, dataset: t.dataset, table: t.table)
            let row = try await handle.env.metadata.priorities().first { $0.id == id }
            let level = try await handle.engine.priorities.level(team: t.team, dataset: t.dataset, table: t.table)
            let source = row?.source.rawValue ?? "default"
            if output.json {
                try Console.json(["id": id, "level": level, "source": source])
            } else {
                print("\(id): \(level) (\(source))")
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a table's row; it falls back to its dataset's default level.")
        @Argument(help: "TEAM/DATASET/TABLE") var table: String
        @OptionGroup var options: ConfigOptions
        func run() async throws {
            let t = try WLMCommand.parseTable(table)
            let handle = try await LakeHandle.open(options)
            try await handle.env.metadata.deletePriority(id: TablePriority.id(team: t.team, dataset: t.dataset, table: t.table))
            print("\(t.team)-\(t.dataset)-\(t.table): default (\(handle.engine.priorities.defaultLevel(team: t.team, dataset: t.dataset)))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List table priorities.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run() async throws {
            let handle = try await LakeHandle.open(options)
            try await handle.engine.prepare()
            let rows = try await handle.env.metadata.priorities()
            if output.json { return try Console.json(rows) }
            if rows.isEmpty {
                print("no priority rows; every table has its dataset's default level")
                return
            }
            print(Console.table(["TABLE", "LEVEL", "SOURCE", "UPDATED"], rows.map { [$0.id, $0.level, $0.source.rawValue, ISOTime.string($0.updatedAt)] }))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Load the reference WLM priority JSON for a team.",
            discussion: "Format: {\"<dataset>\": [{\"table_name\": \"regions\", \"priority\": \"LOW\"}, ...]}")
        @Argument(help: "The priority JSON file.") var file: String
        @Option(help: "The team the datasets belong to.") var team: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LakeError(.usage, "cannot read \(file)", hint: "check the path")
            }
            let handle = try await LakeHandle.open(options)
            let rows = try WLMPriorityImport.parse(data, team: team, levels: handle.config.wlm.levels, at: handle.env.clock.now())
            try await handle.engine.prepare()
            try await handle.env.metadata.setPriorities(rows)
            let unknown = Swift.Set(rows.map { DatasetRef(team: $0.team, dataset: $0.dataset) }).filter { handle.config.dataset($0) == nil }
            if output.json {
                try Console.json(rows)
            } else {
                print("imported \(rows.count) priorit\(rows.count == 1 ? "y" : "ies") for team \(team)")
            }
            for ref in unknown.sorted() { Console.note("note: dataset \(ref) is not in lake.yaml (yet); its rows apply once it is") }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Queue depth, oldest message, waits and slots per dataset and level.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run() async throws {
            let handle = try await LakeHandle.open(options)
            try await handle.engine.prepare()
            let status = try await WLMStatus.collect(env: handle.env, topology: handle.engine.topology)
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
