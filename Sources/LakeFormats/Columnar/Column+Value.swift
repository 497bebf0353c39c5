extension Column {
    /// The cell at `row` as a ``Value`` of `type` (``Value/null`` for a null row). For
    /// row-at-a-time consumers; hot paths read the buffers directly.
    public func value(at row: Int, type: ColumnType) -> Value {
        if isNull(row) { return .null }
        switch (values, type) {
        case (.bool(let a), _): return .bool(a[row])
        case (.int32(let a), .date): return .date(a[row])
        case (.int32(let a), .decimal(_, let s)): return .decimal(unscaled: String(a[row]), scale: s)
        case (.int32(let a), _): return .int(Int64(a[row]))
        case (.int64(let a), .timestamp(let unit)): return .timestamp(a[row], unit)
        case (.int64(let a), .decimal(_, let s)): return .decimal(unscaled: String(a[row]), scale: s)
        case (.int64(let a), .date): return .date(Int32(truncatingIfNeeded: a[row]))
        case (.int64(let a), _): return .int(a[row])
        case (.float(let a), _): return .float(a[row])
        case (.double(let a), _): return .double(a[row])
        case (.bytes(let b), .string): return .string(b.string(at: row))
        case (.bytes(let b), .decimal(_, let s)):
            return .decimal(unscaled: ParquetValueDecoding.decimalString(bigEndian: Array(b[row])), scale: s)
        case (.bytes(let b), _): return .binary(Array(b[row]))
        case (.list(let offsets, let child), .map(let keyType, let valueField)):
            guard case .structure(_, let pair) = child.values, pair.count == 2 else { return .null }
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            return .map(
                keys: range.map { pair[0].value(at: $0, type: keyType) },
                values: range.map { pair[1].value(at: $0, type: valueField.type) })
        case (.list(let offsets, let child), _):
            let elementType: ColumnType
            if case .list(let element) = type { elementType = element.type } else { elementType = .string }
            return .list((Int(offsets[row])..<Int(offsets[row + 1])).map { child.value(at: $0, type: elementType) })
        case (.structure(_, let children), _):
            guard case .structure(let fields) = type, fields.count == children.count else { return .null }
            return .structure(
                names: fields.map(\.name),
                values: zip(children, fields).map { $0.value(at: row, type: $1.type) })
        }
    }
}

extension RecordBatch {
    /// Row `row` as values, in schema order.
    public func row(_ row: Int) -> [Value] {
        zip(columns, schema.fields).map { $0.value(at: row, type: $1.type) }
    }
}
