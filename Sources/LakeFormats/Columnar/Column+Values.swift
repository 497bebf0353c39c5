extension Column {
    /// A column of `type` holding `values` (``Value/null`` for a null row), for any type,
    /// nested ones included. For row-at-a-time producers (nested JSON, tests); readers build
    /// buffers directly. Throws when a value does not fit the type, naming the row.
    public static func make(_ values: [Value], type: ColumnType, path: String = "value") throws -> Column {
        var validity = [Bool](repeating: true, count: values.count)
        for (i, v) in values.enumerated() where v == .null { validity[i] = false }
        let mask = validity.contains(false) ? validity : nil
        func mismatch(_ row: Int, _ v: Value) -> FormatError {
            FormatError(
                .schemaMismatch, "value \(ValueFormatter.text(v)) does not fit \(type)",
                context: FormatError.Context(column: path, record: Int64(row)))
        }
        switch type {
        case .bool:
            var out = [Bool](repeating: false, count: values.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .null: continue
                case .bool(let b): out[i] = b
                default: throw mismatch(i, v)
                }
            }
            return Column(values: .bool(out), validity: mask)
        case .int32, .date:
            var out = [Int32](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .null: continue
                case .date(let d): out[i] = d
                case .int(let n):
                    guard let x = Int32(exactly: n) else { throw mismatch(i, v) }
                    out[i] = x
                default: throw mismatch(i, v)
                }
            }
            return Column(values: .int32(out), validity: mask)
        case .int64, .timestamp, .decimal(precision: ...18, scale: _):
            var out = [Int64](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .null: continue
                case .int(let n): out[i] = n
                case .timestamp(let t, _): out[i] = t
                case .decimal(let unscaled, _):
                    guard let x = Int64(unscaled) else { throw mismatch(i, v) }
                    out[i] = x
                default: throw mismatch(i, v)
                }
            }
            return Column(values: .int64(out), validity: mask)
        case .decimal(let p, _):
            let width = WideDecimal.byteWidth(precision: p)
            var out = ByteArrayColumn()
            for (i, v) in values.enumerated() {
                var bytes = [UInt8](repeating: 0, count: width)
                if case .decimal(let unscaled, _) = v {
                    let digits = Array(unscaled.utf8)
                    let parsed = digits.withUnsafeBufferPointer { b in
                        b.baseAddress.flatMap { WideDecimal(parsing: $0, b.count, precision: p, scale: 0) }
                    }
                    guard let wide = parsed else { throw mismatch(i, v) }
                    bytes.removeAll()
                    wide.appendBigEndian(width: width, to: &bytes)
                } else if v != .null {
                    throw mismatch(i, v)
                }
                out.append(bytes)
            }
            return Column(values: .bytes(out), validity: mask)
        case .float, .double:
            var out = [Double](repeating: 0, count: values.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .null: continue
                case .double(let d): out[i] = d
                case .float(let f): out[i] = Double(f)
                case .int(let n): out[i] = Double(n)
                default: throw mismatch(i, v)
                }
            }
            return type == .float
                ? Column(values: .float(out.map { Float($0) }), validity: mask) : Column(values: .double(out), validity: mask)
        case .string, .binary:
            var out = ByteArrayColumn()
            for (i, v) in values.enumerated() {
                switch v {
                case .null: out.appendEmpty()
                case .string(let text): out.append(text.utf8)
                case .binary(let b): out.append(b)
                default: throw mismatch(i, v)
                }
            }
            return Column(values: .bytes(out), validity: mask)
        case .list(let element):
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(values.count + 1)
            var children: [Value] = []
            for (i, v) in values.enumerated() {
                switch v {
                case .null: break
                case .list(let items): children.append(contentsOf: items)
                default: throw mismatch(i, v)
                }
                offsets.append(Int32(children.count))
            }
            let child = try make(children, type: element.type, path: path + ".element")
            return Column(values: .list(offsets: offsets, values: child), validity: mask)
        case .map(let key, let value):
            var offsets: [Int32] = [0]
            var keys: [Value] = []
            var items: [Value] = []
            for (i, v) in values.enumerated() {
                switch v {
                case .null: break
                case .map(let k, let vs) where k.count == vs.count:
                    keys.append(contentsOf: k)
                    items.append(contentsOf: vs)
                default: throw mismatch(i, v)
                }
                offsets.append(Int32(keys.count))
            }
            let pairs = Column(
                values: .structure(
                    count: keys.count,
                    fields: [try make(keys, type: key, path: path + ".key"), try make(items, type: value.type, path: path + ".value")]))
            return Column(values: .list(offsets: offsets, values: pairs), validity: mask)
        case .structure(let fields):
            var perField = [[Value]](repeating: [], count: fields.count)
            for (i, v) in values.enumerated() {
                switch v {
                case .null:
                    for k in fields.indices { perField[k].append(.null) }
                case .structure(let names, let vs) where names.count == vs.count:
                    for (k, f) in fields.enumerated() {
                        perField[k].append(names.firstIndex(of: f.name).map { vs[$0] } ?? .null)
                    }
                default: throw mismatch(i, v)
                }
            }
            let children = try zip(fields, perField).map { try make($1, type: $0.type, path: path + "." + $0.name) }
            return Column(values: .structure(count: values.count, fields: children), validity: mask)
        }
    }
}
