extension ColumnDecoder {
    /// Decodes a column of JSON objects and arrays (cells kept with `nested: keep`) into a
    /// list, struct or map column. A scalar cell, or a value whose shape does not fit the type
    /// (a key the struct lacks, a string where a number belongs), is a misfit: the converter
    /// widens the schema from the values' merged shapes and starts again.
    func nested(_ grid: TokenGrid, _ c: Int, as type: ColumnType, name: String) throws(FormatError) -> Outcome {
        var values: [Value] = []
        values.reserveCapacity(grid.rowCount)
        let o = c * grid.rowCapacity
        for r in 0..<grid.rowCount {
            let kind = grid.kinds[o + r]
            if kind == CellKind.missing || kind == CellKind.jsonNull {
                values.append(.null)
                continue
            }
            guard kind == CellKind.jsonRaw else { return .misfit(row: r) }
            let bytes = grid.bytes(column: c, row: r)
            guard let raw = try? RawJSON.parse(bytes), let value = raw.value(as: type) else { return .misfit(row: r) }
            values.append(value)
        }
        do {
            return .column(try Column.make(values, type: type, path: name))
        } catch {
            return .misfit(row: 0)
        }
    }
}

extension RawJSON {
    /// The value as a cell of `type`, or nil when it does not fit. Text columns take any
    /// value (nested ones as their compact JSON text); number, date and time columns take
    /// numbers and the strings that parse as them.
    func value(as type: ColumnType) -> Value? {
        if case .null = self { return .null }
        switch type {
        case .structure(let fields):
            guard case .object(let members) = self else { return nil }
            var byName: [String: RawJSON] = [:]
            for (key, v) in members { byName[NestedShape.fieldName(key)] = v }
            guard byName.keys.allSatisfy({ key in fields.contains { $0.name == key } }) else { return nil }
            var values: [Value] = []
            values.reserveCapacity(fields.count)
            for f in fields {
                guard let v = byName[f.name] else {
                    values.append(.null)
                    continue
                }
                guard let cell = v.value(as: f.type) else { return nil }
                values.append(cell)
            }
            return .structure(names: fields.map(\.name), values: values)
        case .list(let element):
            guard case .array(let items) = self else { return nil }
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let v = item.value(as: element.type) else { return nil }
                values.append(v)
            }
            return .list(values)
        case .map(let key, let valueField):
            guard case .object(let members) = self else { return nil }
            var keys: [Value] = []
            var values: [Value] = []
            for (k, v) in members {
                guard let kv = RawJSON.string(k).value(as: key), kv != .null, let vv = v.value(as: valueField.type) else { return nil }
                keys.append(kv)
                values.append(vv)
            }
            return .map(keys: keys, values: values)
        case .string:
            switch self {
            case .string(let s): return .string(String(decoding: s, as: UTF8.self))
            case .number(let digits): return .string(String(decoding: digits, as: UTF8.self))
            case .bool(let b): return .string(b ? "true" : "false")
            default: return .string(String(decoding: text, as: UTF8.self))
            }
        case .binary:
            guard case .string(let s) = self else { return nil }
            return .binary(s)
        case .bool:
            switch self {
            case .bool(let b): return .bool(b)
            case .string(let s): return s.withUnsafeBufferPointer { b in b.baseAddress.flatMap { ByteParse.bool($0, b.count, lenient: true) } }.map(Value.bool)
            default: return nil
            }
        default:
            return scalarText.flatMap { Self.scalar($0, as: type) }
        }
    }

    /// The text of a number or string.
    private var scalarText: [UInt8]? {
        switch self {
        case .number(let digits): return digits
        case .string(let s): return s
        default: return nil
        }
    }

    private static func scalar(_ text: [UInt8], as type: ColumnType) -> Value? {
        text.withUnsafeBufferPointer { b -> Value? in
            guard let p = b.baseAddress, b.count > 0 else { return nil }
            let n = b.count
            switch type {
            case .int32:
                guard let v = ByteParse.int64(p, n), Int32(exactly: v) != nil else { return nil }
                return .int(v)
            case .int64: return ByteParse.int64(p, n).map(Value.int)
            case .double: return ByteParse.double(p, n).map(Value.double)
            case .float: return ByteParse.double(p, n).map { .float(Float($0)) }
            case .date: return ByteParse.date(p, n).map(Value.date)
            case .timestamp(let unit): return ColumnDecoder.timestamp(p, n, unit).map { .timestamp($0, unit) }
            case .decimal(let precision, let scale) where precision <= 18:
                return ByteParse.decimalUnscaled(p, n, scale: scale).map { .decimal(unscaled: String($0), scale: scale) }
            case .decimal(let precision, let scale):
                guard let wide = WideDecimal(parsing: p, n, precision: precision, scale: scale) else { return nil }
                var bytes: [UInt8] = []
                wide.appendBigEndian(width: 16, to: &bytes)
                return .decimal(unscaled: ParquetValueDecoding.decimalString(bigEndian: bytes), scale: scale)
            default: return nil
            }
        }
    }
}
