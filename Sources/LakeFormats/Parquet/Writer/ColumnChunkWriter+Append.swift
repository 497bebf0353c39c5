extension ColumnChunkWriter {
    /// Adds rows `range` of `column` to the current page: definition levels, values (PLAIN
    /// bytes or dictionary indices) and statistics, in one pass over the column buffers.
    /// The caller has checked that the column's storage matches the field's type.
    func append(_ column: Column, rows range: Range<Int>) throws {
        let n = range.count
        guard n > 0 else { return }
        var nulls = 0
        if let validity = column.validity {
            validity.withUnsafeBufferPointer { v in
                let p = UnsafeBufferPointer(rebasing: v[range])
                p.withMemoryRebound(to: UInt8.self) { bytes in
                    var ones = 0
                    for b in bytes { ones &+= Int(b) }
                    nulls = n - ones
                    if optional { levels.append(contentsOf: bytes) }
                }
            }
        } else if optional {
            levels.append(contentsOf: repeatElement(1, count: n))
        }
        try column.validity.withOptionalUnsafeBuffer { valid in
            switch column.values {
            case .bool(let a):
                a.withUnsafeBufferPointer { appendBooleans($0, range, valid) }
            case .int32(let a):
                if mapping.physical == .int64 {
                    let wide = a[range].map { Int64($0) }
                    wide.withUnsafeBufferPointer { appendIntegers($0, 0..<n, valid.map { UnsafeBufferPointer(rebasing: $0[range]) }) }
                } else {
                    a.withUnsafeBufferPointer { appendIntegers($0, range, valid) }
                }
            case .int64(let a):
                if mapping.physical == .int32 {
                    let narrow = try narrowToInt32(a, range, valid)
                    narrow.withUnsafeBufferPointer { appendIntegers($0, 0..<n, valid.map { UnsafeBufferPointer(rebasing: $0[range]) }) }
                } else {
                    a.withUnsafeBufferPointer { appendIntegers($0, range, valid) }
                }
            case .float(let a):
                a.withUnsafeBufferPointer { appendFloats($0, range, valid) }
            case .double(let a):
                a.withUnsafeBufferPointer { appendFloats($0, range, valid) }
            case .bytes(let b):
                if mapping.physical == .fixedLenByteArray {
                    try appendFixedBytes(b, range, valid)
                } else {
                    appendByteArrays(b, range, valid)
                }
            case .list, .structure:
                throw FormatError(
                    .schemaMismatch, "a nested column reached a leaf writer",
                    context: FormatError.Context(column: field.name))
            }
        }
        pageRows += n
        pageNulls += nulls
    }

    /// Adds the levels and present values one leaf of a nested field holds for `rows` rows.
    func appendLeveled(_ leaf: LevelShredder.LeafLevels, rows: Int) throws {
        let present = leaf.rows.count
        if present > 0 { try append(leaf.values, rows: leaf.rows) }
        pageRows += rows - present
        pageNulls += leaf.definition.count - present
        levels.append(contentsOf: leaf.definition)
        repetitionLevels.append(contentsOf: leaf.repetition)
    }

    /// Decimal(p<=9) values handed over as Int64: checked, then stored as INT32.
    private func narrowToInt32(
        _ a: [Int64], _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?
    ) throws -> [Int32] {
        var out = [Int32](repeating: 0, count: range.count)
        for (k, row) in range.enumerated() where valid?[row] ?? true {
            guard let v = Int32(exactly: a[row]) else {
                throw FormatError(
                    .schemaMismatch, "value at row \(row) does not fit \(field.type)",
                    context: FormatError.Context(column: field.name, record: Int64(row)))
            }
            out[k] = v
        }
        return out
    }

    private func appendBooleans(_ a: UnsafeBufferPointer<Bool>, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?) {
        var lo: Int64 = 1
        var hi: Int64 = 0
        plain.reserve(range.count)
        let dst = plain.tail.assumingMemoryBound(to: UInt8.self)
        var k = 0
        for row in range where valid?[row] ?? true {
            let v: UInt8 = a[row] ? 1 : 0
            dst[k] = v
            k += 1
            lo = min(lo, Int64(v))
            hi = max(hi, Int64(v))
        }
        plain.advance(k)
        stats.update(minInt: lo, maxInt: hi)
    }

    private func appendIntegers<T: FixedWidthInteger & PlainFixedWidth>(
        _ a: UnsafeBufferPointer<T>, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?
    ) {
        guard let base = a.baseAddress else { return }
        var lo = T.max
        var hi = T.min
        if let valid {
            for row in range where valid[row] {
                let v = base[row]
                lo = min(lo, v)
                hi = max(hi, v)
            }
        } else {
            for row in range {
                let v = base[row]
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        stats.update(minInt: Int64(lo), maxInt: Int64(hi))
        appendFixedValues(base, range, valid)
    }

    private func appendFloats<T: BinaryFloatingPoint & PlainFixedWidth>(
        _ a: UnsafeBufferPointer<T>, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?
    ) {
        guard let base = a.baseAddress else { return }
        var lo = T.infinity
        var hi = -T.infinity
        for row in range where valid?[row] ?? true {
            let v = base[row]
            // NaN fails both comparisons, so it never becomes min or max.
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        stats.update(minDouble: Double(lo), maxDouble: Double(hi))
        appendFixedValues(base, range, valid)
    }

    /// PLAIN copy (bulk when there are no nulls) or dictionary indices.
    private func appendFixedValues<T: PlainFixedWidth>(
        _ base: UnsafePointer<T>, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?
    ) {
        if dictionaryMode, var dict = fixedDictionary {
            // Move the dictionary and indices out so the loop works on locals.
            fixedDictionary = nil
            var local = indices
            indices = []
            local.reserveCapacity(local.count + range.count)
            dict.encode(base, rows: range, valid: valid, into: &local)
            indices = local
            fixedDictionary = dict
            return
        }
        let width = MemoryLayout<T>.stride
        if valid == nil {
            plain.append(UnsafeRawPointer(base + range.lowerBound), range.count * width)
            return
        }
        plain.reserve(range.count * width)
        let dst = plain.tail.assumingMemoryBound(to: T.self)
        var k = 0
        for row in range where valid?[row] ?? true {
            dst[k] = base[row]
            k += 1
        }
        plain.advance(k * width)
    }

    private func appendByteArrays(_ column: ByteArrayColumn, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?) {
        column.offsets.withUnsafeBufferPointer { offsets in
            column.withDataPointer { data in
                if dictionaryMode, var dict = bytesDictionary {
                    bytesDictionary = nil
                    var local = indices
                    indices = []
                    local.reserveCapacity(local.count + range.count)
                    dict.encode(offsets: offsets, data: data, rows: range, valid: valid, into: &local)
                    indices = local
                    bytesDictionary = dict
                    return
                }
                appendPlainByteArrays(offsets, data, range, valid)
            }
        }
    }

    /// PLAIN byte arrays: one reservation for the slice, then length + bytes per value, with the
    /// slice's min and max found by comparing in place and merged into the statistics once.
    private func appendPlainByteArrays(
        _ offsets: UnsafeBufferPointer<Int32>, _ data: UnsafeRawPointer, _ range: Range<Int>,
        _ valid: UnsafeBufferPointer<Bool>?
    ) {
        let total = Int(offsets[range.upperBound]) - Int(offsets[range.lowerBound]) + 4 * range.count
        plain.reserve(total)
        var dst = plain.tail
        var minRow = -1
        var maxRow = -1
        var minPrefix: UInt64 = 0
        var maxPrefix: UInt64 = 0
        @inline(__always) func slice(_ row: Int) -> UnsafeRawBufferPointer {
            let start = Int(offsets[row])
            return UnsafeRawBufferPointer(start: data + start, count: Int(offsets[row + 1]) - start)
        }
        for row in range where valid?[row] ?? true {
            let value = slice(row)
            dst.storeBytes(of: UInt32(value.count).littleEndian, as: UInt32.self)
            if let p = value.baseAddress, value.count > 0 {
                (dst + 4).copyMemory(from: p, byteCount: value.count)
            }
            dst += 4 + value.count
            // Compare the first eight bytes as a big-endian number first; only ties need the
            // full comparison.
            let prefix = Self.orderPrefix(value)
            if minRow < 0 {
                minRow = row
                maxRow = row
                minPrefix = prefix
                maxPrefix = prefix
            } else if prefix < minPrefix
                || (prefix == minPrefix && StatisticsAccumulator.compare(value, slice(minRow), signed: false) < 0)
            {
                minRow = row
                minPrefix = prefix
            } else if prefix > maxPrefix
                || (prefix == maxPrefix && StatisticsAccumulator.compare(value, slice(maxRow), signed: false) > 0)
            {
                maxRow = row
                maxPrefix = prefix
            }
        }
        plain.advance(dst - plain.tail)
        if minRow >= 0 {
            stats.update(bytes: slice(minRow))
            stats.update(bytes: slice(maxRow))
        }
    }

    /// The first eight bytes as a big-endian number, zero-padded: when two values' prefixes
    /// differ, they order the values as unsigned byte-wise comparison does.
    @inline(__always) static func orderPrefix(_ value: UnsafeRawBufferPointer) -> UInt64 {
        guard let p = value.baseAddress else { return 0 }
        if value.count >= 8 { return UInt64(bigEndian: p.loadUnaligned(as: UInt64.self)) }
        var v: UInt64 = 0
        for i in 0..<value.count { v |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(56 - 8 * i) }
        return v
    }

    /// Decimal(p>18) values: big-endian two's complement of any length, sign-extended or
    /// trimmed to the column's fixed length.
    private func appendFixedBytes(_ column: ByteArrayColumn, _ range: Range<Int>, _ valid: UnsafeBufferPointer<Bool>?) throws {
        let width = fixedLength
        try column.offsets.withUnsafeBufferPointer { offsets in
            try column.withDataPointer { data in
                plain.reserve(range.count * width)
                for row in range where valid?[row] ?? true {
                    let start = Int(offsets[row])
                    let length = Int(offsets[row + 1]) - start
                    let src = (data + start).assumingMemoryBound(to: UInt8.self)
                    let negative = length > 0 && src[0] & 0x80 != 0
                    let fill: UInt8 = negative ? 0xFF : 0
                    plain.reserve(width)
                    let dst = plain.tail.assumingMemoryBound(to: UInt8.self)
                    if length <= width {
                        let pad = width - length
                        for k in 0..<pad { dst[k] = fill }
                        for k in 0..<length { dst[pad + k] = src[k] }
                    } else {
                        let extra = length - width
                        let fits = (0..<extra).allSatisfy { src[$0] == fill }
                            && (src[extra] & 0x80 != 0) == negative
                        guard fits else {
                            throw FormatError(
                                .schemaMismatch, "decimal at row \(row) has more digits than \(field.type) allows",
                                context: FormatError.Context(column: field.name, record: Int64(row)))
                        }
                        for k in 0..<width { dst[k] = src[extra + k] }
                    }
                    stats.update(bytes: UnsafeRawBufferPointer(start: dst, count: width))
                    plain.advance(width)
                }
            }
        }
    }
}
