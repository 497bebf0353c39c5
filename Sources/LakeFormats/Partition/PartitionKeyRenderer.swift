/// Computes the partition directory of each row of a batch.
struct PartitionKeyRenderer {
    /// Per spec: the schema index of its column.
    let specs: [(spec: PartitionSpec, index: Int, type: ColumnType)]

    init(specs: [PartitionSpec], schema: Schema) throws(FormatError) {
        var resolved: [(PartitionSpec, Int, ColumnType)] = []
        for s in specs {
            guard let i = schema.index(of: s.column) else {
                throw FormatError.at(
                    .invalidOption, "partition column '\(s.column)' is not in the data",
                    hint: "check the partition spec against the table's columns", column: s.column)
            }
            let type = schema.fields[i].type
            if case .time = s.kind {
                switch type {
                case .timestamp, .date: break
                default:
                    throw FormatError.at(
                        .invalidOption, "time partitioning needs a timestamp or date column, '\(s.column)' is \(type)",
                        hint: "declare the column as timestamp in the schema, or partition by its value", column: s.column)
                }
            }
            resolved.append((s, i, type))
        }
        self.specs = resolved
    }

    /// A cheap identity of a row's partition (no text built): equal keys, equal directories.
    enum KeyPart: Hashable {
        case null
        case number(Int64)
        case real(Double)
        case bytes(ArraySlice<UInt8>)
    }

    /// The partition identity of `row`, for grouping rows before rendering paths.
    func key(_ batch: RecordBatch, row: Int) -> [KeyPart] {
        specs.map { spec, index, type in
            let column = batch.columns[index]
            if column.isNull(row) { return .null }
            switch spec.kind {
            case .time(let g):
                guard let c = Self.calendar(column, type, row) else { return .null }
                let hour = g == .hour ? c.3 : 0
                let day = g == .day || g == .hour ? c.2 : 0
                let month = g == .year ? 0 : c.1
                return .number(((c.0 * 100 + month) * 100 + day) * 100 + hour)
            case .value:
                switch column.values {
                case .bool(let v): return .number(v[row] ? 1 : 0)
                case .int32(let v): return .number(Int64(v[row]))
                case .int64(let v): return .number(v[row])
                case .float(let v): return .real(Double(v[row]))
                case .double(let v): return .real(v[row])
                case .bytes(let b): return .bytes(b[row])
                case .list, .structure:
                    return .bytes(ArraySlice(ValueFormatter.text(column.value(at: row, type: type)).utf8))
                }
            }
        }
    }

    /// The relative directory (`k=v/k2=v2`, empty without specs) and its key/value pairs.
    func directory(_ batch: RecordBatch, row: Int) -> (path: String, values: [PartitionValue]) {
        var segments: [String] = []
        var values: [PartitionValue] = []
        for (spec, index, type) in specs {
            let column = batch.columns[index]
            switch spec.kind {
            case .value:
                let text = column.isNull(row) ? nil : Self.text(column, type, row)
                values.append(PartitionValue(key: spec.column, value: text))
                segments.append(HivePartitionPath.segment(spec.column, text))
            case .time:
                let parts = column.isNull(row) ? nil : Self.calendar(column, type, row)
                for (k, key) in spec.keys.enumerated() {
                    let text: String? = parts.map { p in
                        switch k {
                        case 0: return ValueFormatter.pad(p.0, 4)
                        case 1: return ValueFormatter.pad(p.1, 2)
                        case 2: return ValueFormatter.pad(p.2, 2)
                        default: return ValueFormatter.pad(p.3, 2)
                        }
                    }
                    values.append(PartitionValue(key: key, value: text))
                    segments.append(HivePartitionPath.segment(key, text))
                }
            }
        }
        return (segments.joined(separator: "/"), values)
    }

    /// Year, month, day, hour (UTC) of a timestamp or date cell.
    static func calendar(_ column: Column, _ type: ColumnType, _ row: Int) -> (Int64, Int64, Int64, Int64)? {
        var days: Int64
        var hour: Int64 = 0
        switch (type, column.values) {
        case (.date, .int32(let v)):
            days = Int64(v[row])
        case (.timestamp(let unit), .int64(let v)):
            let perSecond: Int64 = unit == .millis ? 1000 : 1_000_000
            var seconds = v[row] / perSecond
            if v[row] % perSecond < 0 { seconds -= 1 }
            days = seconds / 86_400
            var rest = seconds % 86_400
            if rest < 0 {
                days -= 1
                rest += 86_400
            }
            hour = rest / 3600
        default:
            return nil
        }
        let c = ValueFormatter.civil(days: days)
        return (c.0, c.1, c.2, hour)
    }

    /// A cell as partition text.
    static func text(_ column: Column, _ type: ColumnType, _ row: Int) -> String {
        switch column.values {
        case .bool(let v): return v[row] ? "true" : "false"
        case .float(let v): return String(v[row])
        case .double(let v): return String(v[row])
        case .bytes(let b): return b.string(at: row)
        case .list, .structure: return ValueFormatter.text(column.value(at: row, type: type))
        case .int32(let v):
            if case .date = type, let c = calendar(column, type, row) {
                return "\(ValueFormatter.pad(c.0, 4))-\(ValueFormatter.pad(c.1, 2))-\(ValueFormatter.pad(c.2, 2))"
            }
            if case .decimal(_, let s) = type { return ParquetValueDecoding.decimalText(unscaled: String(v[row]), scale: s) }
            return String(v[row])
        case .int64(let v):
            if case .timestamp = type, let c = calendar(column, type, row) {
                let unit: Int64 = type == .timestamp(.millis) ? 1000 : 1_000_000
                var seconds = v[row] / unit
                if v[row] % unit < 0 { seconds -= 1 }
                let rest = ((seconds % 86_400) + 86_400) % 86_400
                return "\(ValueFormatter.pad(c.0, 4))-\(ValueFormatter.pad(c.1, 2))-\(ValueFormatter.pad(c.2, 2)) "
                    + "\(ValueFormatter.pad(rest / 3600, 2)):\(ValueFormatter.pad(rest / 60 % 60, 2)):\(ValueFormatter.pad(rest % 60, 2))"
            }
            if case .decimal(_, let s) = type { return ParquetValueDecoding.decimalText(unscaled: String(v[row]), scale: s) }
            return String(v[row])
        }
    }
}
