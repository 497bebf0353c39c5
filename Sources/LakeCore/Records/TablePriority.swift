import Foundation

/// A row of Octagon's `octagon-wlm` table: a table's workload-management level.
public struct TablePriority: Sendable, Hashable, Codable {
    /// Where a row came from; rows set by an operator survive config reloads.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Declared in lake.yaml (`tables.<t>.priority`), refreshed from it on every start.
        case config
        /// Set with `lake wlm set`.
        case cli
        /// Loaded with `lake wlm import` from the reference JSON.
        case `import`
        /// Set through the HTTP API.
        case api
    }

    /// `<team>-<dataset>-<table>`.
    public var id: String
    public var team: String
    public var dataset: String
    public var table: String
    /// A level of `wlm.levels`, e.g. HIGH or LOW.
    public var level: String
    public var source: Source
    public var updatedAt: Date

    public init(team: String, dataset: String, table: String, level: String, source: Source, updatedAt: Date) {
        self.id = TablePriority.id(team: team, dataset: dataset, table: table)
        self.team = team
        self.dataset = dataset
        self.table = table
        self.level = level
        self.source = source
        self.updatedAt = updatedAt
    }

    public static func id(team: String, dataset: String, table: String) -> String { "\(team)-\(dataset)-\(table)" }
}
