extension ParquetReader {
    /// Iterates a file's rows, decoding one row group at a time. `next()` throws on corrupt
    /// data instead of ending early, so a caller never mistakes a damaged file for a short one.
    public struct RowIterator {
        let reader: ParquetReader
        var group = 0
        var batch: RecordBatch?
        var row = 0

        /// The next row in schema order, or nil after the last.
        public mutating func next() throws -> [Value]? {
            while true {
                if let b = batch, row < b.rowCount {
                    defer { row += 1 }
                    return b.row(row)
                }
                guard group < reader.rowGroupCount else { return nil }
                batch = try reader.readRowGroup(group)
                group += 1
                row = 0
            }
        }
    }

    /// A row iterator over the whole file; memory holds one row group at a time.
    public func makeRowIterator() -> RowIterator { RowIterator(reader: self) }

    /// Calls `body` with every row, in order, one row group in memory at a time.
    public func forEachRow(_ body: ([Value]) throws -> Void) throws {
        var it = makeRowIterator()
        while let row = try it.next() { try body(row) }
    }

    /// Every row of the file. Decodes the whole file before returning, so use
    /// ``forEachRow(_:)`` or ``makeRowIterator()`` for large files.
    public func rows() throws -> [[Value]] {
        var out: [[Value]] = []
        try forEachRow { out.append($0) }
        return out
    }
}
