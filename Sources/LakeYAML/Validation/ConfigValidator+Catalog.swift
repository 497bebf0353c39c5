import LakeCore

extension ConfigValidator {
    /// `catalog.partition_sync`: an interval of at least 1s, a window of sensible size.
    mutating func checkCatalog() {
        let sync = config.catalog.partitionSync
        if let interval = sync.interval, interval < .seconds(1) {
            report("catalog.partition_sync.interval", "the partition sync interval must be at least 1s",
                hint: "e.g. `interval: 10m`, or `interval: off` to run it only with `lake partitions sync`")
        }
        if !(0...3660).contains(sync.lookbackDays) {
            report("catalog.partition_sync.lookback_days", "lookback_days must be between 0 and 3660, not \(sync.lookbackDays)",
                hint: "the window starts this many days before today; 7 is the default")
        }
        if !(0...366).contains(sync.lookaheadDays) {
            report("catalog.partition_sync.lookahead_days", "lookahead_days must be between 0 and 366, not \(sync.lookaheadDays)",
                hint: "the window ends this many days after today; 1 (tomorrow) is the default")
        }
    }
}
