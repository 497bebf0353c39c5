import Foundation
import LakeCore
import LakeEngine

/// A table's WLM level and where it comes from (`lake wlm get`).
public struct PriorityView: Sendable, Codable, Hashable {
    /// `<team>-<dataset>-<table>`.
    public var id: String
    public var level: String
    /// `config`, `cli`, `import`, `api`, or `default` when the table has no row.
    public var source: String
}

/// `lake wlm status` and `GET /api/v1/wlm`: queue levels, slots, and the priority rows.
public struct WLMView: Sendable, Encodable {
    public var status: WLMStatus
    public var priorities: [TablePriority]
}

extension LakeRuntime {
    /// Every priority row.
    public func priorities() async throws -> [TablePriority] {
        try await env.metadata.priorities()
    }

    /// The level of one table: its row, else its dataset's default.
    public func priority(team: String, dataset: String, table: String) async throws -> PriorityView {
        let id = TablePriority.id(team: team, dataset: dataset, table: table)
        let row = try await env.metadata.priorities().first { $0.id == id }
        let level = try await engine.priorities.level(team: team, dataset: dataset, table: table)
        return PriorityView(id: id, level: level, source: row?.source.rawValue ?? "default")
    }

    /// Sets a table's level; `level` must be one of `wlm.levels`.
    public func setPriority(team: String, dataset: String, table: String, level: String, source: TablePriority.Source = .cli) async throws -> TablePriority {
        try requireWritable("set a priority")
        try checkLevel(level)
        let row = TablePriority(team: team, dataset: dataset, table: table, level: level, source: source, updatedAt: env.clock.now())
        try await env.metadata.setPriorities([row])
        return row
    }

    /// Removes a table's row; it falls back to its dataset's default level, which is returned.
    public func unsetPriority(team: String, dataset: String, table: String) async throws -> String {
        try requireWritable("remove a priority")
        try await env.metadata.deletePriority(id: TablePriority.id(team: team, dataset: dataset, table: table))
        return engine.priorities.defaultLevel(team: team, dataset: dataset)
    }

    /// Loads the reference WLM priority JSON for `team`; returns the rows and the datasets they
    /// name that lake.yaml does not (yet) define.
    public func importPriorities(_ data: Data, team: String) async throws -> (rows: [TablePriority], unknownDatasets: [DatasetRef]) {
        try requireWritable("import priorities")
        let rows = try WLMPriorityImport.parse(data, team: team, levels: config.wlm.levels, at: env.clock.now())
        try await env.metadata.setPriorities(rows)
        let unknown = Set(rows.map { DatasetRef(team: $0.team, dataset: $0.dataset) }).filter { config.dataset($0) == nil }
        return (rows, unknown.sorted())
    }

    /// Queue depth, oldest message, waits and slots per dataset and level.
    public func wlmStatus() async throws -> WLMStatus {
        try await WLMStatus.collect(env: env, topology: topology)
    }

    /// The WLM status and the priority rows together.
    public func wlm() async throws -> WLMView {
        WLMView(status: try await wlmStatus(), priorities: try await priorities())
    }

    private func checkLevel(_ level: String) throws {
        guard config.wlm.levels.contains(level) else {
            throw LakeError(.usage, "'\(level)' is not a WLM level", hint: "levels in lake.yaml: \(config.wlm.levels.joined(separator: ", "))")
        }
    }
}
