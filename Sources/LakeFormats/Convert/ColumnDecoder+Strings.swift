/// Text and wide decimal columns.
extension ColumnDecoder {
    /// Copies the column's cells into one ``ByteArrayColumn`` (unescaping doubled quotes),
    /// checking UTF-8 when `validate` is set.
    mutating func strings(
        _ grid: TokenGrid, _ c: Int, validate: Bool, name: String
    ) throws(FormatError) -> Column {
        let rows = grid.rowCount
        let o = c * grid.rowCapacity
        let starts = grid.starts + o
        let lengths = grid.lengths + o
        let kinds = grid.kinds + o
        var total = 0
        for r in 0..<rows { total += Int(lengths[r]) }
        var validity: [Bool]? = nil
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else {
            return Column(values: .bytes(ByteArrayColumn(bytes: [], offsets: [Int32](repeating: 0, count: rows + 1))), validity: nil)
        }
        if !validate {
            // Fast path: the output can only shrink (unescaping), so it fits `total` bytes.
            var offsets = [Int32](repeating: 0, count: rows + 1)
            var used = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: max(total, 1)) { out, count in
                guard let dst = out.baseAddress else {
                    count = 0
                    return
                }
                offsets.withUnsafeMutableBufferPointer { off in
                    for r in 0..<rows {
                        let k = kinds[r]
                        let n = Int(lengths[r])
                        let p = base + Int(starts[r])
                        if nulls.isNull(p, n, kind: k) {
                            if validity == nil { validity = [Bool](repeating: true, count: rows) }
                            validity?[r] = false
                        } else if k == CellKind.quotedEscaped || k == CellKind.mixed {
                            unescape(p, n, kind: k)
                            for b in scratch {
                                dst[used] = b
                                used += 1
                            }
                        } else {
                            (dst + used).update(from: p, count: n)
                            used += n
                        }
                        off[r + 1] = Int32(truncatingIfNeeded: used)
                    }
                }
                count = used
            }
            return Column(values: .bytes(ByteArrayColumn(bytes: bytes, offsets: offsets)), validity: validity)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var offsets = [Int32](repeating: 0, count: rows + 1)
        for r in 0..<rows {
            let k = kinds[r]
            let n = Int(lengths[r])
            let p = base + Int(starts[r])
            if nulls.isNull(p, n, kind: k) {
                if validity == nil { validity = [Bool](repeating: true, count: rows) }
                validity?[r] = false
                offsets[r + 1] = Int32(truncatingIfNeeded: bytes.count)
                continue
            }
            if k == CellKind.quotedEscaped || k == CellKind.mixed {
                unescape(p, n, kind: k)
                let s = scratch
                try s.withUnsafeBufferPointer { (b) throws(FormatError) in
                    if let sp = b.baseAddress { try append(sp, b.count, to: &bytes, validate: validate, grid, r, name) }
                }
            } else {
                try append(p, n, to: &bytes, validate: validate, grid, r, name)
            }
            offsets[r + 1] = Int32(truncatingIfNeeded: bytes.count)
        }
        return Column(values: .bytes(ByteArrayColumn(bytes: bytes, offsets: offsets)), validity: validity)
    }

    @inline(__always)
    private func append(
        _ p: UnsafePointer<UInt8>, _ n: Int, to bytes: inout [UInt8], validate: Bool, _ grid: TokenGrid, _ r: Int,
        _ name: String
    ) throws(FormatError) {
        if validate, let bad = UTF8Validation.firstInvalid(p, n) {
            switch invalidUTF8 {
            case .error:
                throw FormatError.at(
                    .invalidUTF8, "a value is not valid UTF-8; re-encode the file as UTF-8, or convert with --invalid-utf8 replace (invalidUTF8 .replace) to write U+FFFD instead",
                    line: grid.rowLines[r], byteOffset: Int(grid.rowOffsets[r]) + bad, column: name)
            case .replace:
                UTF8Validation.appendRepairing(p, n, to: &bytes)
                return
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }

    /// Decimals above 18 digits: big-endian two's complement in the fewest bytes that hold the
    /// precision (the Parquet FIXED_LEN_BYTE_ARRAY layout).
    mutating func wideDecimals(
        _ grid: TokenGrid, _ c: Int, precision: Int, scale: Int
    ) throws(FormatError) -> Outcome {
        let rows = grid.rowCount
        let width = WideDecimal.byteWidth(precision: precision)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * width)
        var offsets = [Int32](repeating: 0, count: rows + 1)
        var validity: [Bool]? = nil
        let o = c * grid.rowCapacity
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else {
            return .column(Column(values: .bytes(ByteArrayColumn()), validity: nil))
        }
        for r in 0..<rows {
            let k = grid.kinds[o + r]
            let n = Int(grid.lengths[o + r])
            let p = base + Int(grid.starts[o + r])
            var value: WideDecimal?
            if k == CellKind.quotedEscaped || k == CellKind.mixed {
                unescape(p, n, kind: k)
                value = scratch.withUnsafeBufferPointer { b in
                    b.baseAddress.flatMap { WideDecimal(parsing: $0, b.count, precision: precision, scale: scale) }
                }
            } else if n > 0, k != CellKind.jsonRaw, k < CellKind.missing || k >= CellKind.jsonString {
                value = WideDecimal(parsing: p, n, precision: precision, scale: scale)
            }
            if let value {
                value.appendBigEndian(width: width, to: &bytes)
            } else if nulls.isNull(p, n, kind: k) {
                if validity == nil { validity = [Bool](repeating: true, count: rows) }
                validity?[r] = false
                bytes.append(contentsOf: repeatElement(0, count: width))
            } else {
                return .misfit(row: r)
            }
            offsets[r + 1] = Int32(truncatingIfNeeded: bytes.count)
        }
        return .column(Column(values: .bytes(ByteArrayColumn(bytes: bytes, offsets: offsets)), validity: validity))
    }
}
