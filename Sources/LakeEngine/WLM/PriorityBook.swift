import Foundation
import LakeCore

/// The WLM level of every table, read from the metadata store (`octagon-wlm`) and refreshed at
/// most every `refresh` interval, so a `lake wlm set` applies at the next routing tick without
/// a restart. A table without a row gets its dataset's default level, else the global default:
/// never a crash (the reference WLM crashes on a missing row).
public actor PriorityBook {
    private let metadata: any MetadataStore
    private let clock: any LakeClock
    private let config: LakeConfig
    private let refresh: Duration
    private var rows: [String: String] = [:]
    private var loadedAt: Date?

    public init(metadata: any MetadataStore, clock: any LakeClock, config: LakeConfig, refresh: Duration = .seconds(1)) {
        self.metadata = metadata
        self.clock = clock
        self.config = config
        self.refresh = refresh
    }

    /// The levels, highest first.
    public nonisolated var levels: [String] { config.wlm.effectiveLevels }

    /// The level of a table now.
    public func level(team: String, dataset: String, table: String) async throws -> String {
        try await reloadIfStale()
        if let level = rows[TablePriority.id(team: team, dataset: dataset, table: table)], levels.contains(level) {
            return level
        }
        return defaultLevel(team: team, dataset: dataset)
    }

    /// The level a table without a priority row gets.
    public nonisolated func defaultLevel(team: String, dataset: String) -> String {
        let wanted = config.dataset(DatasetRef(team: team, dataset: dataset))?.defaultPriority ?? config.wlm.defaultLevel
        return levels.contains(wanted) ? wanted : (levels.last ?? wanted)
    }

    private func reloadIfStale() async throws {
        let now = clock.now()
        if let loadedAt, now.timeIntervalSince(loadedAt) < refresh.seconds { return }
        var fresh: [String: String] = [:]
        for row in try await metadata.priorities() { fresh[row.id] = row.level }
        rows = fresh
        loadedAt = now
    }
}

/// Brings `octagon-wlm` in line with lake.yaml: tables with a `priority:` get a row marked
/// `config`; rows the config set earlier but no longer declares are removed. Rows set by an
/// operator (`lake wlm set`, `lake wlm import`) are kept: they override the file until deleted.
enum PrioritySync {
    static func apply(_ config: LakeConfig, metadata: any MetadataStore, at now: Date) async throws {
        let existing = Dictionary(uniqueKeysWithValues: try await metadata.priorities().map { ($0.id, $0) })
        var declared: [String: TablePriority] = [:]
        for dataset in config.datasets {
            for table in dataset.tables {
                guard let level = table.priority else { continue }
                let row = TablePriority(team: dataset.team, dataset: dataset.name, table: table.name, level: level, source: .config, updatedAt: now)
                declared[row.id] = row
            }
        }
        var upserts: [TablePriority] = []
        for (id, row) in declared {
            if let current = existing[id] {
                if current.source != .config || current.level == row.level { continue }
            }
            upserts.append(row)
        }
        try await metadata.setPriorities(upserts.sorted { $0.id < $1.id })
        for (id, row) in existing where row.source == .config && declared[id] == nil {
            try await metadata.deletePriority(id: id)
        }
    }
}
