import Foundation
import LakeFormats

/// What to measure about a column in a scan.
struct ColumnNeeds: Sendable, Equatable {
    var frequencies = false
    var numbers = false
    var lengths = false
    var topValues = false

    static let everything = ColumnNeeds(frequencies: true, numbers: true, lengths: true, topValues: true)

    mutating func formUnion(_ other: ColumnNeeds) {
        frequencies = frequencies || other.frequencies
        numbers = numbers || other.numbers
        lengths = lengths || other.lengths
        topValues = topValues || other.topValues
    }
}

/// Streams a column's batches into counts, moments, lengths and value frequencies.
///
/// Frequencies are exact: one 64-bit hash per present value, sorted at the end (8 bytes a
/// value, much less than a hash map). Past `exactFrequencyLimit` values the hashes go into a
/// HyperLogLog instead, and the distinct count becomes an estimate with its error stated.
struct ColumnAccumulator {
    let field: Field
    let needs: ColumnNeeds
    let exactFrequencyLimit: Int
    private(set) var rows = 0
    private(set) var present = 0

    private var hashes: [UInt64] = []
    /// Counts per value hash while the column has at most `smallLimit` distinct values.
    private var smallCounts: HashTable<Int>? = HashTable(limit: 4096, filler: 0)
    private var sketch: HyperLogLog?
    private var numeric = Moments()
    private var intSum: Int64? = 0
    private var minLength = Int.max
    private var maxLength = -1
    private var top: [String: Int]? = [:]
    static let topLimit = 100

    init(field: Field, needs: ColumnNeeds, exactFrequencyLimit: Int) {
        self.field = field
        self.needs = needs
        self.exactFrequencyLimit = exactFrequencyLimit
        if !needs.topValues { top = nil }
    }

    /// Adds a batch of the column; `type` is the type in the file it came from (a table's files
    /// may hold a widened type).
    mutating func add(_ column: Column, type: ColumnType) {
        rows += column.count
        present += column.count - column.nullCount
        if needs.numbers, ColumnAccess.isNumeric(type) || type == .bool { addNumbers(column, type) }
        if needs.lengths, case .bytes(let v) = column.values, type == .string { addLengths(v, column.validity) }
        if needs.frequencies { addHashes(column) }
        if top != nil { addTop(column, type) }
    }

    private mutating func addNumbers(_ column: Column, _ type: ColumnType) {
        var m = numeric
        ColumnAccess.numbers(column, type: type) { _, x in m.add(x) }
        numeric = m
        switch (column.values, type) {
        case (.int32(let v), .int32), (.int32(let v), .date):
            if var s = intSum {
                for i in v.indices where column.validity?[i] ?? true {
                    let (r, o) = s.addingReportingOverflow(Int64(v[i]))
                    if o { intSum = nil; return }
                    s = r
                }
                intSum = s
            }
        case (.int64(let v), .int64):
            if var s = intSum {
                for i in v.indices where column.validity?[i] ?? true {
                    let (r, o) = s.addingReportingOverflow(v[i])
                    if o { intSum = nil; return }
                    s = r
                }
                intSum = s
            }
        default:
            intSum = nil
        }
    }

    private mutating func addLengths(_ v: ByteArrayColumn, _ validity: [Bool]?) {
        var lo = minLength
        var hi = maxLength
        ColumnAccess.lengths(v, validity: validity) { _, n in
            lo = min(lo, n)
            hi = max(hi, n)
        }
        minLength = lo
        maxLength = hi
    }

    private mutating func addHashes(_ column: Column) {
        if var counts = smallCounts {
            // Few distinct values (a country, a device): count them in a small table.
            smallCounts = nil
            var overflow: [UInt64] = []
            ValueHashing.forEachHash(column) { _, h in
                if !counts.update(h, initial: 0, { $0 + 1 }) { overflow.append(h) }
            }
            if overflow.isEmpty {
                smallCounts = counts
                return
            }
            hashes.reserveCapacity(present)
            for (h, c) in counts.entries { hashes.append(contentsOf: repeatElement(h, count: c)) }
            hashes.append(contentsOf: overflow)
            return
        }
        if sketch == nil {
            hashes.reserveCapacity(hashes.count + column.count)
            ValueHashing.forEachHash(column) { _, h in hashes.append(h) }
        } else if var s = sketch {
            sketch = nil
            ValueHashing.forEachHash(column) { _, h in s.insert(hash: h) }
            sketch = s
        }
    }

    /// Hashes held for exact counting (8 bytes each): what the scan's memory budget weighs.
    var exactValues: Int { hashes.count }

    /// Turns the exact hashes into a HyperLogLog (the scan's budget is spent): the distinct
    /// count becomes an estimate, and the memory is given back.
    mutating func switchToSketch() {
        guard sketch == nil, smallCounts == nil else { return }
        var s = HyperLogLog()
        for h in hashes { s.insert(hash: h) }
        sketch = s
        hashes = []
    }

    private mutating func addTop(_ column: Column, _ type: ColumnType) {
        guard var counts = top else { return }
        top = nil
        for row in 0..<column.count {
            guard let text = ColumnAccess.text(column, type: type, row: row) else { continue }
            counts[text, default: 0] += 1
            if counts.count > Self.topLimit { return }
        }
        top = counts
    }

    /// The metrics, after every batch was added.
    /// The metrics, after every batch was added (sorts the exact hashes in place).
    mutating func finish(rowsOverride: Int? = nil) -> ColumnMetrics {
        let rows = rowsOverride ?? self.rows
        var m = ColumnMetrics(name: field.name, type: field.type.description, rows: rows, present: present)
        if needs.frequencies {
            if let sketch {
                m.distinct = sketch.estimate.rounded()
                m.distinctError = HyperLogLog.relativeStandardError(precision: sketch.precision)
                m.frequencyNote = "too many values to count exactly within the scan's budget of \(exactFrequencyLimit) values: the distinct count is a HyperLogLog estimate (relative standard error \(String(format: "%.2f%%", (m.distinctError ?? 0) * 100))); uniqueness, unique value ratio and entropy need exact counts"
            } else {
                let runs = smallCounts.map { FrequencyRuns(counts: $0.entries.map(\.value)) } ?? FrequencyRuns(sorting: &hashes)
                m.distinct = Double(runs.distinct)
                m.uniqueValues = runs.singletons
                m.entropy = runs.entropy(rows: rows)
            }
        }
        if needs.numbers, numeric.count > 0 {
            m.minimum = numeric.minimum
            m.maximum = numeric.maximum
            m.sum = intSum.map(Double.init) ?? numeric.sum
            m.mean = numeric.mean
            m.standardDeviation = numeric.populationStandardDeviation
        }
        if needs.lengths, maxLength >= 0 {
            m.minLength = minLength
            m.maxLength = maxLength
        }
        if let top {
            m.topValues = top.map { ValueCount(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        return m
    }
}

/// Running count, mean and squared deviations (Welford), with min, max and a plain sum.
struct Moments: Sendable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private(set) var m2 = 0.0
    private(set) var sum = 0.0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    @inline(__always)
    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        sum += x
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
    }

    var populationStandardDeviation: Double { count == 0 ? 0 : (m2 / Double(count)).squareRoot() }
}

/// Distinct values, values seen once, and entropy, from the hashes of the present values.
struct FrequencyRuns {
    private(set) var distinct = 0
    private(set) var singletons = 0
    private var counts: [Int] = []

    init(counts: [Int]) {
        self.counts = counts
        distinct = counts.count
        singletons = counts.filter { $0 == 1 }.count
    }

    /// Counts runs of equal hashes, sorting `hashes` in place (no copy).
    init(sorting hashes: inout [UInt64]) {
        RadixSort.sort(&hashes)
        let sorted = hashes
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, sorted[j] == sorted[i] { j += 1 }
            distinct += 1
            if j - i == 1 { singletons += 1 }
            counts.append(j - i)
            i = j
        }
    }

    /// -Σ p ln p with p = count / rows (Deequ divides by every row, nulls included).
    func entropy(rows: Int) -> Double {
        guard rows > 0 else { return 0 }
        let n = Double(rows)
        return counts.reduce(0.0) { total, c in
            let p = Double(c) / n
            return total - p * log(p)
        }
    }
}
