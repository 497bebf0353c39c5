/// How the bytes of one cell of a ``TokenGrid`` are to be read.
enum CellKind {
    /// Unquoted CSV text, as is.
    static let plain: UInt8 = 0
    /// Quoted CSV text without doubled quotes; the range excludes the quotes.
    static let quoted: UInt8 = 1
    /// Quoted CSV text with doubled quotes inside; the range excludes the outer quotes.
    static let quotedEscaped: UInt8 = 2
    /// CSV text mixing quoted and unquoted parts (`"ab"cd`); the range is the raw field.
    static let mixed: UInt8 = 3
    /// No value at all (a padded row, a JSON key absent from a record): null.
    static let missing: UInt8 = 4
    /// JSON `null`.
    static let jsonNull: UInt8 = 5
    /// A JSON string, already unescaped.
    static let jsonString: UInt8 = 6
    /// A JSON number's exact text.
    static let jsonNumber: UInt8 = 7
    /// `true` or `false` from JSON.
    static let jsonBool: UInt8 = 8
    /// A JSON object or array kept as compact JSON text.
    static let jsonRaw: UInt8 = 9
}

/// A batch of tokenized rows: per cell a byte range into `base` and a ``CellKind``.
///
/// Storage is column-major with a fixed row capacity (`cell(c, r)` at `c * rowCapacity + r`),
/// so converting one column walks memory sequentially and adding a column (JSON keys found
/// later) only extends the buffers. The grid is reused from batch to batch; it does not own
/// `base`, which must stay valid until the batch is converted.
///
/// A grid is used by one thread at a time (handed from reader to decoder), so its stored
/// properties skip the runtime exclusivity checks (measured: ~4% of a nested JSON conversion).
final class TokenGrid {
    let rowCapacity: Int
    @exclusivity(unchecked) private(set) var columnCapacity: Int
    /// Columns in use.
    @exclusivity(unchecked) var columnCount: Int
    /// Rows in use.
    @exclusivity(unchecked) var rowCount = 0
    @exclusivity(unchecked) var starts: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) var lengths: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) var kinds: UnsafeMutablePointer<UInt8>
    /// 1-based input line where each row starts.
    @exclusivity(unchecked) var rowLines: UnsafeMutablePointer<Int>
    /// 0-based input byte offset where each row starts.
    @exclusivity(unchecked) var rowOffsets: UnsafeMutablePointer<Int64>
    /// The bytes the cells point into.
    @exclusivity(unchecked) var base: UnsafeRawPointer?
    /// Nested columns the reader decoded as it read the rows (JSON with `nested: keep`), beside
    /// their cells' text; nil when there are none.
    @exclusivity(unchecked) var eagerNested: EagerNestedColumns?
    /// Every column decoded as the records were read, by column, with no cells at all
    /// (``JSONReader/parseRecords(_:fields:)``); nil for a grid of cells. Such a grid cannot be
    /// profiled: a pass that widens reads its records again (``TokenSource/readAgain(from:)``).
    @exclusivity(unchecked) var records: [Column?]?

    /// Most cells a grid should hold (about 36 MB): wide inputs get fewer rows per batch.
    static let cellBudget = 1 << 22
    /// Fewest rows per batch, whatever the width.
    static let minimumRows = 64

    /// Rows per batch for `columns` columns: `preferred`, reduced to stay within the budget.
    static func rows(forColumns columns: Int, preferred: Int) -> Int {
        max(minimumRows, min(preferred, cellBudget / max(1, columns)))
    }

    init(rowCapacity: Int, columnCount: Int) {
        self.rowCapacity = max(1, rowCapacity)
        self.columnCount = columnCount
        columnCapacity = max(1, columnCount)
        let cells = self.rowCapacity * columnCapacity
        starts = .allocate(capacity: cells)
        lengths = .allocate(capacity: cells)
        kinds = .allocate(capacity: cells)
        rowLines = .allocate(capacity: self.rowCapacity)
        rowOffsets = .allocate(capacity: self.rowCapacity)
    }

    deinit {
        starts.deallocate()
        lengths.deallocate()
        kinds.deallocate()
        rowLines.deallocate()
        rowOffsets.deallocate()
    }

    /// Makes room for `count` columns; new columns' cells are `missing` for rows already present.
    func ensureColumns(_ count: Int) {
        if count > columnCapacity {
            var newCapacity = columnCapacity
            while newCapacity < count { newCapacity *= 2 }
            let cells = rowCapacity * newCapacity
            let oldCells = rowCapacity * columnCapacity
            let s = UnsafeMutablePointer<Int32>.allocate(capacity: cells)
            let l = UnsafeMutablePointer<Int32>.allocate(capacity: cells)
            let k = UnsafeMutablePointer<UInt8>.allocate(capacity: cells)
            s.update(from: starts, count: oldCells)
            l.update(from: lengths, count: oldCells)
            k.update(from: kinds, count: oldCells)
            starts.deallocate()
            lengths.deallocate()
            kinds.deallocate()
            starts = s
            lengths = l
            kinds = k
            columnCapacity = newCapacity
        }
        if count > columnCount {
            for c in columnCount..<count {
                let o = c * rowCapacity
                for r in 0..<rowCount {
                    starts[o + r] = 0
                    lengths[o + r] = 0
                    kinds[o + r] = CellKind.missing
                }
            }
            columnCount = count
        }
    }

    /// Forgets all rows (keeps the buffers).
    func reset() {
        rowCount = 0
        eagerNested = nil
        records = nil
    }

    /// The raw bytes of a cell (for quoted cells without the outer quotes).
    @inline(__always)
    func bytes(column c: Int, row r: Int) -> UnsafeRawBufferPointer {
        let i = c * rowCapacity + r
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + Int(starts[i]), count: Int(lengths[i]))
    }

    /// The kind of a cell.
    @inline(__always)
    func kind(column c: Int, row r: Int) -> UInt8 { kinds[c * rowCapacity + r] }
}
