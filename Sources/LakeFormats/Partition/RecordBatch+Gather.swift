/// Row selection on batches.
extension RecordBatch {
    /// A batch of the rows at `rows` (in that order), keeping only `columns` (schema indices).
    func gather(rows: [Int], columns keep: [Int]) -> RecordBatch {
        let fields = keep.map { schema.fields[$0] }
        let cols = keep.map { self.columns[$0].gather(rows) }
        return RecordBatch(schema: Schema(fields), columns: cols, rowCount: rows.count)
    }

}

extension Column {
    /// The rows at `rows` (in that order); nested columns take their rows' elements along.
    func gather(_ rows: [Int]) -> Column {
        let column = self
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
        case .list(let offsets, let child):
            var newOffsets: [Int32] = [0]
            newOffsets.reserveCapacity(rows.count + 1)
            var elements: [Int] = []
            for r in rows {
                elements.append(contentsOf: Int(offsets[r])..<Int(offsets[r + 1]))
                newOffsets.append(Int32(elements.count))
            }
            values = .list(offsets: newOffsets, values: child.gather(elements))
        case .structure(_, let children):
            values = .structure(count: rows.count, fields: children.map { $0.gather(rows) })
        }
        return Column(values: values, validity: validity?.contains(false) == true ? validity : nil)
    }
}
