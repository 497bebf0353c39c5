import Foundation
import LakeFormats
import Synchronization

/// Runs a scan on several threads by splitting its columns: each worker opens its own readers
/// and reads only its columns' chunks, and the results are merged. Correlated pairs and
/// composite keys stay together on the first worker.
enum ParallelScan {
    static func run(_ plan: AnalysisPlan, options: AnalysisOptions, files: [URL], workers: Int) throws -> TableMetrics {
        let parts = plan.split(into: max(1, workers))
        guard parts.count > 1 else { return try TableScan(plan: plan, options: options).run(files: files) }
        var share = options
        share.exactFrequencyLimit = max(1, options.exactFrequencyLimit / parts.count)
        let perWorker = share
        let results = Mutex<[Int: Result<TableMetrics, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            let result = Result { try TableScan(plan: parts[i], options: perWorker).run(files: files) }
            results.withLock { $0[i] = result }
        }
        var merged: TableMetrics?
        for i in parts.indices {
            guard let result = results.withLock({ $0[i] }) else { continue }
            let part = try result.get()
            guard var total = merged else {
                merged = part
                continue
            }
            total.columns.merge(part.columns) { a, _ in a }
            total.rowChecks.merge(part.rowChecks) { a, _ in a }
            total.correlations.merge(part.correlations) { a, _ in a }
            total.compositeKeys.merge(part.compositeKeys) { a, _ in a }
            merged = total
        }
        guard let merged else { return try TableScan(plan: plan, options: options).run(files: files) }
        return merged
    }
}

extension AnalysisPlan {
    /// Splits the columns over `count` plans, balancing a rough cost (frequencies and row checks
    /// weigh more); pairs and composite keys with all their columns go to the first.
    func split(into count: Int) -> [AnalysisPlan] {
        var columns = Set(needs.keys).union(rowChecks.values.map(\.column))
        let together = Set(pairs.flatMap { [$0.first, $0.second] } + keys.flatMap { $0 })
        columns.subtract(together)
        guard count > 1, columns.count + (together.isEmpty ? 0 : 1) > 1 else { return [self] }
        func cost(_ name: String) -> Int {
            let n = needs[name] ?? ColumnNeeds()
            return 1 + (n.frequencies ? 3 : 0) + (n.numbers ? 1 : 0) + (n.lengths ? 1 : 0) + (n.topValues ? 2 : 0)
                + 2 * rowChecks.values.filter { $0.column == name }.count
        }
        var load = [Int](repeating: 0, count: count)
        var owner: [String: Int] = [:]
        for name in together { owner[name] = 0 }
        load[0] = together.reduce(0) { $0 + cost($1) } + 2 * (pairs.count + keys.count)
        for name in columns.sorted(by: { cost($0) != cost($1) ? cost($0) > cost($1) : $0 < $1 }) {
            let target = load.indices.min { load[$0] < load[$1] } ?? 0
            owner[name] = target
            load[target] += cost(name)
        }
        return (0..<count).map { i in
            var part = self
            part.needs = needs.filter { owner[$0.key] == i }
            part.rowChecks = rowChecks.filter { owner[$0.value.column] == i }
            if i != 0 {
                part.pairs = []
                part.keys = []
            }
            return part
        }
    }
}
