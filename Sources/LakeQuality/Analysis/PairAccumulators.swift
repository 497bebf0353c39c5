import LakeFormats

/// Pearson correlation of two numeric columns over the rows where both are present, streamed
/// (co-moments updated per row, as DuckDB's `corr` computes it).
struct CorrelationAccumulator {
    let first: String
    let second: String
    private var n = 0.0
    private var meanX = 0.0
    private var meanY = 0.0
    private var cxy = 0.0
    private var m2x = 0.0
    private var m2y = 0.0

    init(first: String, second: String) {
        self.first = first
        self.second = second
    }

    mutating func add(_ a: Column, _ aType: ColumnType, _ b: Column, _ bType: ColumnType) {
        var ys = [Double](repeating: .nan, count: b.count)
        ColumnAccess.numbers(b, type: bType) { i, y in ys[i] = y }
        var s = self
        ColumnAccess.numbers(a, type: aType) { i, x in
            let y = ys[i]
            guard !y.isNaN else { return }
            s.n += 1
            let dx = x - s.meanX
            s.meanX += dx / s.n
            let dy = y - s.meanY
            s.meanY += dy / s.n
            s.cxy += dx * (y - s.meanY)
            s.m2x += dx * (x - s.meanX)
            s.m2y += dy * (y - s.meanY)
        }
        self = s
    }

    /// The correlation, or nil with fewer than two rows or a constant column.
    var correlation: Double? {
        guard n >= 2, m2x > 0, m2y > 0 else { return nil }
        return cxy / (m2x * m2y).squareRoot()
    }
}

/// Whether a combination of columns identifies each row (`IsPrimaryKey "a" "b"`): rows with
/// every key column present, and how many distinct and once-only key values they hold.
struct CompositeKeyAccumulator {
    let columns: [String]
    private(set) var rows = 0
    private(set) var complete = 0
    private var hashes: [UInt64] = []

    init(columns: [String]) { self.columns = columns }

    mutating func add(_ parts: [Column]) {
        guard let rowCount = parts.first?.count else { return }
        rows += rowCount
        var combined = [UInt64](repeating: 0, count: rowCount)
        var present = [Bool](repeating: true, count: rowCount)
        for (k, column) in parts.enumerated() {
            for row in 0..<rowCount where column.isNull(row) { present[row] = false }
            ValueHashing.forEachHash(column) { row, h in
                combined[row] = k == 0 ? h : ValueHashing.combine(combined[row], h)
            }
        }
        for row in 0..<rowCount where present[row] {
            complete += 1
            hashes.append(combined[row])
        }
    }

    /// Distinct and once-only key values.
    mutating func runs() -> FrequencyRuns { FrequencyRuns(sorting: &hashes) }
}
