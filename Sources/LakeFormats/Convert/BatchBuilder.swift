/// Builds typed ``RecordBatch``es of a fixed schema from a source's ``TokenGrid``s, matching
/// schema fields to source columns by name (by position for CSV without a header).
struct BatchBuilder {
    /// A batch, or where a value first failed to fit (`column` -1: the source has columns the
    /// schema lacks).
    enum Result {
        case batch(RecordBatch)
        case misfit(column: Int, row: Int)
    }

    let schema: Schema
    let explicit: Bool
    let positional: Bool
    var decoder: ColumnDecoder
    /// Inferred columns without a value in the sample: their first value is a misfit, so the
    /// value decides the type instead of the string placeholder.
    var undetermined: Set<Int> = []
    private var mapping: [Int?] = []
    private var mappedNames = 0

    init(schema: Schema, explicit: Bool, positional: Bool, nulls: NullTokens, source: any TokenSource) {
        self.schema = schema
        self.explicit = explicit
        self.positional = positional
        decoder = ColumnDecoder(nulls: nulls, invalidUTF8: source.invalidUTF8, quote: source.quote)
    }

    private mutating func updateMapping(_ names: [String]) {
        guard mapping.isEmpty || names.count != mappedNames else { return }
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        mapping = schema.fields.enumerated().map { i, f in
            if let c = index[f.name] { return c }
            return positional && i < names.count ? i : nil
        }
        mappedNames = names.count
    }

    /// Decodes every schema column of `grid`, the source's current batch.
    mutating func build(_ grid: TokenGrid, source: any TokenSource) throws(FormatError) -> Result {
        try build(TokenizedGrid(grid, of: source), path: source.path)
    }

    /// Decodes every schema column of a grid read earlier (`path` names the input in errors).
    mutating func build(_ tokenized: TokenizedGrid, path: String) throws(FormatError) -> Result {
        let grid = tokenized.grid
        let names = tokenized.names
        updateMapping(names)
        if !explicit && names.count > schema.fields.count { return .misfit(column: -1, row: 0) }
        var columns: [Column] = []
        columns.reserveCapacity(schema.fields.count)
        let rows = grid.rowCount
        let ascii = tokenized.isASCII
        for (i, field) in schema.fields.enumerated() {
            guard let c = mapping[i], c < grid.columnCount else {
                if !field.nullable {
                    throw FormatError.at(
                        .invalidValue, "the input has no column for non-nullable field '\(field.name)'",
                        hint: "add the column to the input or make the field nullable in the schema",
                        column: field.name, path: path)
                }
                columns.append(Column.nulls(field.type, rows: rows))
                continue
            }
            if let records = grid.records, c < records.count, let column = records[c] {
                // Decoded while reading: of the field's type already.
                try checkNulls(column, field, grid, path: path)
                columns.append(try checkedText(column, field, grid, path: path))
                continue
            }
            if !undetermined.isEmpty, undetermined.contains(i), let row = firstValue(grid, column: c) {
                return .misfit(column: i, row: row)
            }
            switch try decoder.decode(grid, column: c, as: field.type, ascii: ascii, name: field.name) {
            case .column(let column):
                try checkNulls(column, field, grid, path: path)
                columns.append(try checkedText(column, field, grid, path: path))
            case .misfit(let row):
                if explicit {
                    throw FormatError.at(
                        .invalidValue, "a value does not fit type \(field.type) of field '\(field.name)'",
                        hint: "fix the value or declare the field with a wider type (e.g. string)",
                        line: grid.rowLines[row], byteOffset: Int(grid.rowOffsets[row]), column: field.name,
                        path: path)
                }
                return .misfit(column: i, row: row)
            }
        }
        return .batch(RecordBatch(schema: schema, columns: columns, rowCount: rows))
    }

    /// Refuses a null in a non-nullable field, naming the row's line.
    private func checkNulls(_ column: Column, _ field: Field, _ grid: TokenGrid, path: String) throws(FormatError) {
        if !field.nullable, let v = column.validity, let r = v.firstIndex(of: false) {
            throw FormatError.at(
                .invalidValue, "null in non-nullable field '\(field.name)'",
                hint: "make the field nullable in the schema or fill the value", line: grid.rowLines[r],
                column: field.name, path: path)
        }
    }

    /// A nested column with its strings checked as UTF-8 (top-level strings the decoder checks).
    private func checkedText(_ column: Column, _ field: Field, _ grid: TokenGrid, path: String) throws(FormatError) -> Column {
        guard field.type.isNested, field.type.hasText else { return column }
        do {
            return try NestedTextCheck.checked(column, field.type, policy: decoder.invalidUTF8)
        } catch {
            throw FormatError.at(
                .invalidUTF8, "a value inside this nested column is not valid UTF-8; re-encode the file as UTF-8, or convert with --invalid-utf8 replace (invalidUTF8 .replace) to write U+FFFD instead",
                line: grid.rowLines[error.row], byteOffset: Int(grid.rowOffsets[error.row]), column: field.name, path: path)
        }
    }

    /// The first row of column `c` holding a non-null value.
    private func firstValue(_ grid: TokenGrid, column c: Int) -> Int? {
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let o = c * grid.rowCapacity
        for r in 0..<grid.rowCount
        where !decoder.nulls.isNull(base + Int(grid.starts[o + r]), Int(grid.lengths[o + r]), kind: grid.kinds[o + r]) {
            return r
        }
        return nil
    }
}
