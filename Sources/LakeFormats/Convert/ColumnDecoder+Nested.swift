extension ColumnDecoder {
    /// Decodes a column of JSON objects and arrays (cells kept with `nested: keep`) into a
    /// list, struct or map column (``NestedColumnBuilder``). A scalar cell, or a value whose
    /// shape does not fit the type, is a misfit: the converter widens the schema from the
    /// values' merged shapes and starts again. A column the reader already decoded
    /// (``EagerNestedColumns``) is taken as it is.
    func nested(_ grid: TokenGrid, _ c: Int, as type: ColumnType, name: String) throws(FormatError) -> Outcome {
        if let decoded = grid.eagerNested?.column(c, rows: grid.rowCount) { return .column(decoded) }
        let builder = NestedColumnBuilder(type: type)
        let o = c * grid.rowCapacity
        for r in 0..<grid.rowCount {
            let kind = grid.kinds[o + r]
            if kind == CellKind.missing || kind == CellKind.jsonNull {
                builder.appendNull()
                continue
            }
            guard kind == CellKind.jsonRaw else { return .misfit(row: r) }
            var cursor = JSONCursor(grid.bytes(column: c, row: r))
            guard builder.append(&cursor) else { return .misfit(row: r) }
            cursor.skipSpace()
            guard cursor.atEnd else { return .misfit(row: r) }
        }
        return .column(builder.column())
    }
}
