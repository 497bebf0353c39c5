/// Turns one column of a ``TokenGrid`` into a typed ``Column``: numbers, dates and timestamps
/// parsed from the bytes in place, strings copied once into a ``ByteArrayColumn``.
///
/// A cell that is neither null nor a value of the type is a *misfit*: the decoder reports its
/// row instead of failing, so the caller can widen an inferred schema or raise an error for an
/// explicit one.
struct ColumnDecoder {
    /// A decoded column, or the first row whose value does not fit the type.
    enum Outcome {
        case column(Column)
        case misfit(row: Int)
    }

    let nulls: NullTokens
    let invalidUTF8: CSVOptions.InvalidUTF8
    let quote: UInt8
    /// Unescaped copy of the current cell when it has doubled quotes.
    var scratch: [UInt8] = []

    init(nulls: NullTokens, invalidUTF8: CSVOptions.InvalidUTF8, quote: UInt8 = 34) {
        self.nulls = nulls
        self.invalidUTF8 = invalidUTF8
        self.quote = quote
    }

    /// Decodes column `c` of `grid` as `type`. `ascii` says the grid's bytes need no UTF-8 check.
    mutating func decode(
        _ grid: TokenGrid, column c: Int, as type: ColumnType, ascii: Bool, name: String
    ) throws(FormatError) -> Outcome {
        switch type {
        case .list, .structure, .map:
            return try nested(grid, c, as: type, name: name)
        case .string:
            return .column(try strings(grid, c, validate: !ascii, name: name))
        case .binary:
            return .column(try strings(grid, c, validate: false, name: name))
        case .int64:
            return fixed(grid, c, Int64(0), ColumnValues.int64) { p, n in ByteParse.int64(p, n) }
        case .int32:
            return fixed(grid, c, Int32(0), ColumnValues.int32) { p, n in
                guard let v = ByteParse.int64(p, n), let w = Int32(exactly: v) else { return nil }
                return w
            }
        case .double:
            return fixed(grid, c, 0.0, ColumnValues.double) { p, n in ByteParse.double(p, n) }
        case .float:
            return fixed(grid, c, Float(0), ColumnValues.float) { p, n in ByteParse.double(p, n).map { Float($0) } }
        case .bool:
            return fixed(grid, c, false, ColumnValues.bool) { p, n in ByteParse.bool(p, n, lenient: true) }
        case .date:
            return fixed(grid, c, Int32(0), ColumnValues.int32) { p, n in ByteParse.date(p, n) }
        case .timestamp(let unit):
            return fixed(grid, c, Int64(0), ColumnValues.int64) { p, n in Self.timestamp(p, n, unit) }
        case .decimal(let precision, let scale):
            if precision <= 18 {
                return fixed(grid, c, Int64(0), ColumnValues.int64) { p, n in ByteParse.decimalUnscaled(p, n, scale: scale) }
            }
            return try wideDecimals(grid, c, precision: precision, scale: scale)
        }
    }

    /// ISO 8601 text, or an integer taken as epoch milliseconds.
    @inline(__always)
    static func timestamp(_ p: UnsafePointer<UInt8>, _ n: Int, _ unit: TimeUnit) -> Int64? {
        if n >= 10, p[4] == 45, let instant = ByteParse.instant(p, n) {
            switch unit {
            case .micros: return instant.micros
            case .millis:
                let q = instant.micros / 1000
                return instant.micros % 1000 < 0 ? q - 1 : q
            }
        }
        guard let millis = ByteParse.int64(p, n) else { return nil }
        switch unit {
        case .millis: return millis
        case .micros:
            let (v, o) = millis.multipliedReportingOverflow(by: 1000)
            return o ? nil : v
        }
    }

    /// Fixed-width values through `parse`; nulls get `zero` and a validity entry.
    @inline(__always)
    private mutating func fixed<T>(
        _ grid: TokenGrid, _ c: Int, _ zero: T, _ wrap: ([T]) -> ColumnValues,
        _ parse: (UnsafePointer<UInt8>, Int) -> T?
    ) -> Outcome {
        let rows = grid.rowCount
        let o = c * grid.rowCapacity
        let starts = grid.starts + o
        let lengths = grid.lengths + o
        let kinds = grid.kinds + o
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else {
            return .column(Column(values: wrap([T](repeating: zero, count: rows)), validity: nil))
        }
        var values = [T](repeating: zero, count: rows)
        var validity: [Bool]? = nil
        var misfit = -1
        values.withUnsafeMutableBufferPointer { out in
            for r in 0..<rows {
                let k = kinds[r]
                let n = Int(lengths[r])
                let p = base + Int(starts[r])
                if k == CellKind.quotedEscaped || k == CellKind.mixed {
                    unescape(p, n, kind: k)
                    let parsed: T? = scratch.withUnsafeBufferPointer { b in
                        guard let bp = b.baseAddress else { return nil }
                        return parse(bp, b.count)
                    }
                    if let v = parsed {
                        out[r] = v
                        continue
                    }
                } else if n > 0, k != CellKind.jsonRaw, k != CellKind.missing, k != CellKind.jsonNull,
                    let v = parse(p, n)
                {
                    out[r] = v
                    continue
                }
                if nulls.isNull(p, n, kind: k) {
                    if validity == nil { validity = [Bool](repeating: true, count: rows) }
                    validity?[r] = false
                    continue
                }
                misfit = r
                return
            }
        }
        if misfit >= 0 { return .misfit(row: misfit) }
        return .column(Column(values: wrap(values), validity: validity))
    }

    /// Copies a quoted cell's text into `scratch`, turning doubled quotes into one (and, for
    /// mixed cells, dropping the quotes that open and close quoted parts).
    mutating func unescape(_ p: UnsafePointer<UInt8>, _ n: Int, kind: UInt8) {
        scratch.removeAll(keepingCapacity: true)
        let q = quote
        var i = 0
        if kind == CellKind.quotedEscaped {
            while i < n {
                scratch.append(p[i])
                i += p[i] == q && i + 1 < n && p[i + 1] == q ? 2 : 1
            }
            return
        }
        var inQuote = false
        while i < n {
            let b = p[i]
            if b == q {
                if inQuote, i + 1 < n, p[i + 1] == q {
                    scratch.append(q)
                    i += 2
                    continue
                }
                inQuote.toggle()
            } else {
                scratch.append(b)
            }
            i += 1
        }
    }
}
