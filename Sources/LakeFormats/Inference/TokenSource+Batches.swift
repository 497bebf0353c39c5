/// Typed and text access to a token source's batches.
extension TokenSource {
    /// The next batch decoded with `schema` (matched by name; by position for CSV without a
    /// header). A value that does not fit its field's type is an error.
    func nextBatch(schema: Schema, nullTokens: [String], builder: inout BatchBuilder?) throws(FormatError) -> RecordBatch? {
        guard let grid = try nextGrid() else { return nil }
        if builder == nil {
            let positional = (self as? CSVReader).map { !$0.hasHeader } ?? false
            builder = BatchBuilder(
                schema: schema, explicit: true, positional: positional,
                nulls: NullTokens(nullTokens, quotedCanBeNull: false), source: self)
        }
        guard var b = builder else { return nil }
        defer { builder = b }
        switch try b.build(grid, source: self) {
        case .batch(let batch): return batch
        case .misfit: return nil  // unreachable with an explicit schema: misfits throw
        }
    }

    /// The next batch as text: per row, each known column's unescaped text or nil for null
    /// (JSON null, a missing key, a padded CSV field). For tests and previews.
    func nextTextRows() throws(FormatError) -> (names: [String], rows: [[String?]])? {
        guard let grid = try nextGrid() else { return nil }
        var decoder = ColumnDecoder(nulls: NullTokens([], quotedCanBeNull: false), invalidUTF8: .replace, quote: quote)
        var rows: [[String?]] = []
        for r in 0..<grid.rowCount {
            var row: [String?] = []
            for c in 0..<grid.columnCount {
                let k = grid.kind(column: c, row: r)
                if k == CellKind.missing || k == CellKind.jsonNull {
                    row.append(nil)
                    continue
                }
                let b = grid.bytes(column: c, row: r)
                if k == CellKind.quotedEscaped || k == CellKind.mixed, let p = b.baseAddress {
                    decoder.unescape(p.assumingMemoryBound(to: UInt8.self), b.count, kind: k)
                    row.append(String(decoding: decoder.scratch, as: UTF8.self))
                } else {
                    row.append(String(decoding: b, as: UTF8.self))
                }
            }
            rows.append(row)
        }
        return (columnNames, rows)
    }
}

extension CSVReader {
    /// The next batch decoded with `schema` (fields matched to columns by name, or by position
    /// without a header), or nil at the end. A value that does not fit its type is an error
    /// naming the line and column; `nullTokens` are the texts read as null.
    public func next(schema: Schema, nullTokens: [String] = InferenceOptions().nullTokens) throws(FormatError) -> RecordBatch? {
        try nextBatch(schema: schema, nullTokens: nullTokens, builder: &typedBuilder)
    }
}

extension JSONReader {
    /// The next batch decoded with `schema` (fields matched to keys by name; keys the schema
    /// does not name are dropped), or nil at the end. A value that does not fit is an error.
    public func next(schema: Schema, nullTokens: [String] = InferenceOptions().nullTokens) throws(FormatError) -> RecordBatch? {
        try nextBatch(schema: schema, nullTokens: nullTokens, builder: &typedBuilder)
    }
}
