import Foundation
import LakeCore

/// Automatic compaction in `lake run`: for each dataset with `compaction:`, every minute (and
/// once at start), each partition of its analytics tables holding at least `after_files`
/// Parquet files smaller than `target_size` is compacted by ``TableCompactor``; a dataset whose
/// stage B is running waits for the next round.
public struct CompactionService: LakeService {
    public let name = "compaction"
    let env: LakeEnvironment
    let topology: Topology
    let interval: Duration
    let last = LockedValue<Date?>(nil)

    public init?(env: LakeEnvironment, topology: Topology, interval: Duration = .seconds(60)) {
        guard topology.sortedDatasets.contains(where: { $0.config.compaction != nil }) else { return nil }
        self.env = env
        self.topology = topology
        self.interval = interval
    }

    public func step(drain: Bool) async throws -> Bool {
        let now = env.clock.now()
        let due = last.update { last -> Bool in
            if let previous = last, now.timeIntervalSince(previous) < interval.seconds { return false }
            last = now
            return true
        }
        guard due else { return false }
        let compactor = TableCompactor(env: env, topology: topology)
        let naming = CatalogNaming(config: env.config)
        for unit in topology.sortedDatasets {
            guard let settings = unit.config.compaction else { continue }
            let running = try await env.metadata.executions(matching: ExecutionQuery(dataset: unit.ref, status: .running, stage: .b, limit: 1))
            guard running.isEmpty else { continue }
            // One compaction per table: it skips the partitions with fewer small files than
            // `after_files` itself.
            for table in try await crowdedTables(unit, settings) {
                do {
                    let report = try await compactor.compact(
                        database: naming.analyticsDatabase(unit.ref), table: table,
                        options: CompactionOptions(targetSize: settings.targetSize, minFiles: settings.afterFiles))
                    for entry in report.partitions where entry.status == "compacted" {
                        env.logger.info("compacted \(unit.ref)/\(table)/\(entry.partition): \(entry.filesBefore) -> \(entry.filesAfter) files")
                    }
                } catch {
                    env.logger.error("compaction of \(unit.ref)/\(table) failed: \(error)")
                }
            }
        }
        return false
    }

    /// The tables with a partition holding at least `afterFiles` small Parquet files.
    func crowdedTables(_ unit: Topology.DatasetUnit, _ settings: CompactionConfig) async throws -> [String] {
        var counts: [String: [String: Int]] = [:]
        for record in try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, dataset: unit.ref))
        where record.key.hasSuffix(".parquet") && record.size < settings.targetSize {
            guard let table = record.table else { continue }
            let prefix = CatalogNaming.tablePrefix(unit.ref, table: table)
            guard record.key.hasPrefix(prefix) else { continue }
            counts[table, default: [:]][TableCompactor.partition(of: record.key, tablePrefix: prefix), default: 0] += 1
        }
        return counts.filter { $0.value.values.contains { $0 >= settings.afterFiles } }.keys.sorted()
    }
}
