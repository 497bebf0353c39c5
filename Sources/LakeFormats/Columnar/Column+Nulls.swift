extension Column {
    /// A column of `rows` nulls of `type`.
    public static func nulls(_ type: ColumnType, rows: Int) -> Column {
        let validity = [Bool](repeating: false, count: rows)
        switch type {
        case .bool: return Column(values: .bool(.init(repeating: false, count: rows)), validity: validity)
        case .int32, .date: return Column(values: .int32(.init(repeating: 0, count: rows)), validity: validity)
        case .int64, .timestamp: return Column(values: .int64(.init(repeating: 0, count: rows)), validity: validity)
        case .float: return Column(values: .float(.init(repeating: 0, count: rows)), validity: validity)
        case .double: return Column(values: .double(.init(repeating: 0, count: rows)), validity: validity)
        case .decimal(let p, _) where p <= 18:
            return Column(values: .int64(.init(repeating: 0, count: rows)), validity: validity)
        case .decimal(let p, _):
            let w = WideDecimal.byteWidth(precision: p)
            let bytes = ByteArrayColumn(
                bytes: [UInt8](repeating: 0, count: rows * w), offsets: (0...rows).map { Int32($0 * w) })
            return Column(values: .bytes(bytes), validity: validity)
        case .list(let element):
            return Column(
                values: .list(offsets: [Int32](repeating: 0, count: rows + 1), values: nulls(element.type, rows: 0)),
                validity: validity)
        case .map(let key, let value):
            let pairs = Column(values: .structure(count: 0, fields: [nulls(key, rows: 0), nulls(value.type, rows: 0)]))
            return Column(values: .list(offsets: [Int32](repeating: 0, count: rows + 1), values: pairs), validity: validity)
        case .structure(let fields):
            return Column(values: .structure(count: rows, fields: fields.map { nulls($0.type, rows: rows) }), validity: validity)
        case .string, .binary:
            return Column(
                values: .bytes(ByteArrayColumn(bytes: [], offsets: [Int32](repeating: 0, count: rows + 1))),
                validity: validity)
        }
    }
}
