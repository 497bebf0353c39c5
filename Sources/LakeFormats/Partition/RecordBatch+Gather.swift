/// Row selection on batches.
extension RecordBatch {
    /// A batch of the rows at `rows` (in that order), keeping only `columns` (schema indices).
    func gather(rows: [Int], columns keep: [Int]) -> RecordBatch {
        let fields = keep.map { schema.fields[$0] }
        let cols = keep.map { Self.gather(self.columns[$0], rows) }
        return RecordBatch(schema: Schema(fields), columns: cols, rowCount: rows.count)
    }

    private static func gather(_ column: Column, _ rows: [Int]) -> Column {
        let validity = column.validity.map { v in rows.map { v[$0] } }
        let values: ColumnValues
        switch column.values {
        case .bool(let v): values = .bool(rows.map { v[$0] })
        case .int32(let v): values = .int32(rows.map { v[$0] })
        case .int64(let v): values = .int64(rows.map { v[$0] })
        case .float(let v): values = .float(rows.map { v[$0] })
        case .double(let v): values = .double(rows.map { v[$0] })
        case .bytes(let b):
            var out = ByteArrayColumn()
            out.reserveCapacity(values: rows.count, bytes: rows.count * 16)
            for r in rows { out.append(b[r]) }
            values = .bytes(out)
        }
        return Column(values: values, validity: validity?.contains(false) == true ? validity : nil)
    }
}
