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
            for (table, partition) in try await crowded(unit, settings) {
                do {
                    let report = try await compactor.compact(
                        database: naming.analyticsDatabase(unit.ref), table: table,
                        options: CompactionOptions(partition: partition, targetSize: settings.targetSize, minFiles: settings.afterFiles))
                    for entry in report.partitions where entry.status == "compacted" {
                        env.logger.info("compacted \(unit.ref)/\(table)/\(entry.partition): \(entry.filesBefore) -> \(entry.filesAfter) files")
                    }
                } catch {
                    env.logger.error("compaction of \(unit.ref)/\(table)/\(partition) failed: \(error)")
                }
            }
        }
        return false
    }

    /// The (table, partition folder) pairs with at least `afterFiles` small Parquet files.
    func crowded(_ unit: Topology.DatasetUnit, _ settings: CompactionConfig) async throws -> [(String, String)] {
        var counts: [String: Int] = [:]
        var tables: [String: (String, String)] = [:]
        for record in try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, dataset: unit.ref))
        where record.key.hasSuffix(".parquet") && record.size < settings.targetSize {
            guard let table = record.table else { continue }
            let prefix = CatalogNaming.tablePrefix(unit.ref, table: table)
            guard record.key.hasPrefix(prefix) else { continue }
            let folder = record.key.dropFirst(prefix.count).split(separator: "/").dropLast().joined(separator: "/")
            let id = table + "\u{0}" + folder
            counts[id, default: 0] += 1
            tables[id] = (table, folder)
        }
        return counts.filter { $0.value >= settings.afterFiles }.keys.sorted().compactMap { tables[$0] }
    }
}
