import Foundation
import LakeFormats

/// Knobs of a scan.
public struct AnalysisOptions: Sendable {
    /// Present values a scan counts exactly, over all its columns (8 bytes each, plus as much
    /// again while one column sorts): past it, the column holding most turns into a HyperLogLog
    /// estimate. The default keeps a scan's frequency memory near 100 MB whatever the data.
    public var exactFrequencyLimit: Int
    /// Threads a scan splits its columns over (each reads only its columns' chunks).
    public var threads: Int
    public init(exactFrequencyLimit: Int = 8_000_000, threads: Int = min(4, ProcessInfo.processInfo.activeProcessorCount)) {
        self.exactFrequencyLimit = exactFrequencyLimit
        self.threads = max(1, threads)
    }
}

/// What a scan of a table's files measured: its row count, merged schema, each column's
/// metrics, and the results of row-level checks, correlations and composite keys.
public struct TableMetrics: Sendable {
    public var rows: Int
    public var files: Int
    /// Every column in the order first seen, with the type of the first file that has it.
    public var schema: Schema
    public var columns: [String: ColumnMetrics]
    /// Row-level checks by their number in the scanned list: rows passed and rows seen.
    var rowChecks: [Int: (passed: Int, rows: Int)]
    var correlations: [AnalysisPlan.PairKey: Double]
    var compositeKeys: [[String]: (complete: Int, distinct: Int, singletons: Int)]
}

/// Reads Parquet files once, column by column and row group by row group (so memory stays at
/// one column chunk plus the accumulators), computing everything an ``AnalysisPlan`` asks for.
struct TableScan {
    let plan: AnalysisPlan
    let options: AnalysisOptions

    func run(files: [URL]) throws -> TableMetrics {
        var plan = self.plan
        var schema: [Field] = []
        var columns: [String: ColumnAccumulator] = [:]
        var pairs = plan.pairs.map { CorrelationAccumulator(first: $0.first, second: $0.second) }
        var keys = plan.keys.map { CompositeKeyAccumulator(columns: $0) }
        var rows = 0
        let held = Set(plan.pairs.flatMap { [$0.first, $0.second] } + plan.keys.flatMap { $0 })
        let checksByColumn = Dictionary(grouping: plan.rowChecks.keys, by: { plan.rowChecks[$0]?.column ?? "" })

        for file in files {
            let reader = try ParquetReader(url: file)
            for field in reader.schema.fields where !schema.contains(where: { $0.name == field.name }) {
                schema.append(field)
            }
            let index = Dictionary(reader.schema.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            for group in 0..<reader.rowGroupCount {
                let groupRows = reader.rowCount(ofRowGroup: group)
                rows += groupRows
                var kept: [String: (Column, ColumnType)] = [:]
                let wanted = Set(plan.needs.keys).union(held).union(checksByColumn.keys)
                for name in wanted {
                    guard let i = index[name] else {
                        for id in checksByColumn[name] ?? [] { plan.rowChecks[id]?.addMissing(groupRows) }
                        continue
                    }
                    let type = reader.schema.fields[i].type
                    let column = try reader.readColumn(i, rowGroup: group)
                    if let needs = plan.needs[name] {
                        var acc = columns[name] ?? ColumnAccumulator(
                            field: reader.schema.fields[i], needs: needs, exactFrequencyLimit: options.exactFrequencyLimit)
                        acc.add(column, type: type)
                        columns[name] = acc
                    }
                    for id in checksByColumn[name] ?? [] { plan.rowChecks[id]?.add(column, type: type) }
                    if held.contains(name) { kept[name] = (column, type) }
                }
                // The memory budget: the column holding the most exact values goes first.
                while columns.values.reduce(0, { $0 + $1.exactValues }) > options.exactFrequencyLimit,
                    let largest = columns.max(by: { $0.value.exactValues < $1.value.exactValues })
                {
                    columns[largest.key]?.switchToSketch()
                }
                for p in pairs.indices {
                    if let a = kept[pairs[p].first], let b = kept[pairs[p].second] { pairs[p].add(a.0, a.1, b.0, b.1) }
                }
                for k in keys.indices {
                    let parts = keys[k].columns.compactMap { kept[$0]?.0 }
                    if parts.count == keys[k].columns.count { keys[k].add(parts) }
                }
            }
        }

        var metrics: [String: ColumnMetrics] = [:]
        for name in Array(columns.keys) { metrics[name] = columns[name]?.finish(rowsOverride: rows) }
        var correlations: [AnalysisPlan.PairKey: Double] = [:]
        for p in pairs { if let c = p.correlation { correlations[AnalysisPlan.PairKey(first: p.first, second: p.second)] = c } }
        var composite: [[String]: (complete: Int, distinct: Int, singletons: Int)] = [:]
        for var k in keys {
            let runs = k.runs()
            composite[k.columns] = (k.complete, runs.distinct, runs.singletons)
        }
        return TableMetrics(
            rows: rows, files: files.count, schema: Schema(schema), columns: metrics,
            rowChecks: plan.rowChecks.mapValues { ($0.passed, $0.rows) }, correlations: correlations,
            compositeKeys: composite)
    }
}
