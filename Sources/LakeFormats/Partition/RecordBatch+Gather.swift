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
        if let first = rows.first, zip(rows, rows.dropFirst()).allSatisfy({ $0 + 1 == $1 }) {
            return slice(first..<(first + rows.count))
        }
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
            values = .bytes(Self.gather(b, rows))
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

    /// Rows `range`, copied in runs (a leaf's present values are usually one run).
    func slice(_ range: Range<Int>) -> Column {
        let validity = self.validity.map { Array($0[range]) }
        let values: ColumnValues
        switch self.values {
        case .bool(let v): values = .bool(Array(v[range]))
        case .int32(let v): values = .int32(Array(v[range]))
        case .int64(let v): values = .int64(Array(v[range]))
        case .float(let v): values = .float(Array(v[range]))
        case .double(let v): values = .double(Array(v[range]))
        case .bytes(let b):
            let start = b.offsets[range.lowerBound]
            let end = b.offsets[range.upperBound]
            values = .bytes(
                ByteArrayColumn(bytes: Array(b.bytes[Int(start)..<Int(end)]), offsets: b.offsets[range.lowerBound...range.upperBound].map { $0 - start }))
        case .list(let offsets, let child):
            let start = offsets[range.lowerBound]
            let end = offsets[range.upperBound]
            values = .list(
                offsets: offsets[range.lowerBound...range.upperBound].map { $0 - start }, values: child.slice(Int(start)..<Int(end)))
        case .structure(_, let children):
            values = .structure(count: range.count, fields: children.map { $0.slice(range) })
        }
        return Column(values: values, validity: validity?.contains(false) == true ? validity : nil)
    }

    /// The byte strings at `rows`: sizes summed first, then each copied once.
    private static func gather(_ b: ByteArrayColumn, _ rows: [Int]) -> ByteArrayColumn {
        var total = 0
        for r in rows { total += Int(b.offsets[r + 1] - b.offsets[r]) }
        var offsets = [Int32](repeating: 0, count: rows.count + 1)
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { out, count in
            b.bytes.withUnsafeBufferPointer { source in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    var at = 0
                    for (i, r) in rows.enumerated() {
                        let lo = Int(b.offsets[r])
                        let n = Int(b.offsets[r + 1]) - lo
                        if n > 0, let from = source.baseAddress, let to = out.baseAddress {
                            (to + at).update(from: from + lo, count: n)
                        }
                        at += n
                        offsets[i + 1] = Int32(truncatingIfNeeded: at)
                    }
                    count = at
                }
            }
        }
        return ByteArrayColumn(bytes: bytes, offsets: offsets)
    }
}
