/// lake.yaml's `catalog:` section: how the table catalog is kept up to date beyond the
/// stage-B crawler.
public struct CatalogConfig: Sendable, Hashable {
    /// The raw tables' partition job (DESIGN §3.4).
    public var partitionSync: PartitionSyncConfig

    /// Creates the section; every part has its default.
    public init(partitionSync: PartitionSyncConfig = PartitionSyncConfig()) {
        self.partitionSync = partitionSync
    }
}

/// When `lake run` runs the partition job, and the window of dates it expects partitions for.
public struct PartitionSyncConfig: Sendable, Hashable {
    /// How often `lake run` syncs raw partitions; nil (`off`) leaves it to `lake partitions sync`.
    public var interval: Duration?
    /// The window starts this many days before today (UTC).
    public var lookbackDays: Int
    /// The window ends this many days after today (UTC): 1 is tomorrow.
    public var lookaheadDays: Int

    /// Creates settings: every 10 minutes, from 7 days ago to tomorrow by default.
    public init(interval: Duration? = .seconds(600), lookbackDays: Int = 7, lookaheadDays: Int = 1) {
        self.interval = interval
        self.lookbackDays = lookbackDays
        self.lookaheadDays = lookaheadDays
    }
}
