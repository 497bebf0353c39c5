import Foundation
import LakeCore

/// The partition job as one of `lake run`'s services: every `catalog.partition_sync.interval`
/// it syncs every raw table. The first run after start-up discovers every partition (so
/// history laid out by hand is registered once); later runs look only at the window around
/// today (`lookback_days`..`lookahead_days`), which lists a handful of directories per table.
/// It does nothing when the runtime drains (`lake process --until-idle` is not its place).
public struct PartitionSyncService: LakeService {
    /// A name for logs.
    public let name = "partition-sync"
    let job: PartitionSyncJob
    let interval: Duration
    let state = LockedValue<Date?>(nil)

    /// A service running the job every `interval`, or nil when the config turns it off or
    /// declares no raw tables.
    public init?(env: LakeEnvironment) {
        guard let interval = env.config.catalog.partitionSync.interval else { return nil }
        let job = PartitionSyncJob(env: env)
        guard !job.rawTables.isEmpty else { return nil }
        self.job = job
        self.interval = interval
    }

    /// Runs the job when the interval has passed since the last run; true when it added partitions.
    public func step(drain: Bool) async throws -> Bool {
        guard !drain else { return false }
        let now = job.env.clock.now()
        let last = state.value
        if let last, now.timeIntervalSince(last) < interval.seconds { return false }
        state.set(now)
        let report = try await job.run(PartitionSyncJob.Request(window: last == nil ? nil : job.defaultWindow))
        if report.added > 0 || report.malformed > 0 || report.failed > 0 {
            job.env.logger.info("partition sync", metadata: [
                "added": "\(report.added)", "malformed": "\(report.malformed)", "failed": "\(report.failed)",
                "seconds": "\(String(format: "%.3f", report.elapsedSeconds))",
            ])
        }
        for table in report.tables {
            guard let error = table.error else { continue }
            let ref = try? DatasetRef(parsing: table.dataset)
            job.env.onNotification?(LakeNotification(
                kind: .partitionSyncFailed, team: ref?.team, dataset: ref?.dataset,
                message: "partition sync of \(table.database).\(table.table) failed: \(error)",
                hint: "`lake partitions sync --table \(table.database).\(table.table)` shows the table's report", at: now))
        }
        if report.added > 0 {
            try await job.env.metadata.recordEvent(EventRecord(
                id: job.env.ids.next(), at: now, kind: "catalog.partitions-added",
                message: "partition sync registered \(report.added) raw partition(s)",
                details: ["added": String(report.added), "malformed": String(report.malformed)]))
        }
        return report.added > 0
    }
}
