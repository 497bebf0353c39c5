import LakeCore

extension ConfigParser {
    static let catalogKeys = ["partition_sync"]
    static let partitionSyncKeys = ["interval", "lookback_days", "lookahead_days"]

    /// `catalog:` — `{partition_sync: {interval: 10m, lookback_days: 7, lookahead_days: 1}}`;
    /// `interval: off` leaves the partition job to `lake partitions sync`.
    func parseCatalog(_ value: YAMLValue) -> CatalogConfig {
        var catalog = CatalogConfig()
        guard let fields = reader.fields(value, allowed: Self.catalogKeys) else { return catalog }
        guard let item = fields.value("partition_sync"), let sync = reader.fields(item, allowed: Self.partitionSyncKeys) else {
            return catalog
        }
        if let interval = sync.value("interval") {
            if let text = interval.scalarText, ["off", "false", "no", "never"].contains(text.lowercased()) {
                catalog.partitionSync.interval = nil
            } else if let duration = reader.duration(interval) {
                catalog.partitionSync.interval = duration
            }
        }
        if let days = sync.value("lookback_days"), let number = reader.int(days) { catalog.partitionSync.lookbackDays = number }
        if let days = sync.value("lookahead_days"), let number = reader.int(days) { catalog.partitionSync.lookaheadDays = number }
        return catalog
    }
}
