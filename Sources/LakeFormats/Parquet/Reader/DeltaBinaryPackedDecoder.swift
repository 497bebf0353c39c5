/// Decodes DELTA_BINARY_PACKED integers (used by DuckDB's V2 files and by pyarrow on request),
/// and tells where the encoded run ends so DELTA_LENGTH_BYTE_ARRAY can find the bytes after it.
/// Every header field and miniblock is checked against the bytes available.
enum DeltaBinaryPackedDecoder {
    /// Decodes `count` values from `data[start..<end]`; returns them (wrapping 64-bit sums, to
    /// be truncated by INT32 callers) and the offset just past the encoded run.
    static func decode(
        _ data: UnsafeRawBufferPointer, start: Int, end: Int, count: Int
    ) throws -> (values: [Int64], end: Int) {
        guard start >= 0, end <= data.count, start <= end else { throw FormatError.corrupt("delta data outside the page") }
        var pos = start
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard pos < end, shift < 64 else { throw FormatError.corrupt("delta header cut short") }
                let b = data[pos]
                pos += 1
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
            }
        }
        func zigzag() throws -> Int64 {
            let v = try varint()
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }
        let blockSize = try varint()
        let miniblocks = try varint()
        let total = try varint()
        var previous = try zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0,
            blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0
        else { throw FormatError.corrupt("invalid delta block layout (\(blockSize) values in \(miniblocks) miniblocks)") }
        guard total >= UInt64(count) else {
            throw FormatError.corrupt("delta run holds \(total) values, \(count) expected")
        }
        let perMiniblock = Int(blockSize / miniblocks)
        var out: [Int64] = []
        out.reserveCapacity(min(count, 1 << 20))  // grows with the data actually decoded
        if total > 0 && count > 0 { out.append(previous) }
        var remaining = Int(min(total, UInt64(Int32.max))) - 1
        while remaining > 0 {
            let minDelta = try zigzag()
            let widthsAt = pos
            guard end - pos >= Int(miniblocks) else { throw FormatError.corrupt("delta miniblock widths cut short") }
            pos += Int(miniblocks)
            for m in 0..<Int(miniblocks) where remaining > 0 {
                let width = Int(data[widthsAt + m])
                guard width <= 64 else { throw FormatError.corrupt("delta bit width \(width) over 64") }
                let bytes = perMiniblock * width / 8
                let take = min(perMiniblock, remaining)
                if out.count >= count {
                    // Past the values wanted: only find where the run ends.
                    pos += min(bytes, end - pos)
                    remaining -= take
                    continue
                }
                // The last miniblock may be cut to the bytes its values need.
                let needed = (take * width + 7) / 8
                guard end - pos >= needed else { throw FormatError.corrupt("delta miniblock cut short") }
                var acc: UInt64 = 0
                var bits = 0
                var p = pos
                for _ in 0..<take {
                    var value: UInt64 = 0
                    var got = 0
                    while got < width {
                        if bits == 0 {
                            acc = UInt64(data[p])
                            p += 1
                            bits = 8
                        }
                        let n = min(width - got, bits)
                        let chunk = n == 64 ? acc : acc & ((1 << UInt64(n)) - 1)
                        value |= chunk << UInt64(got)
                        acc >>= UInt64(n)
                        bits -= n
                        got += n
                    }
                    previous = previous &+ minDelta &+ Int64(bitPattern: value)
                    if out.count < count { out.append(previous) }
                }
                pos += min(bytes, end - pos)
                remaining -= take
            }
        }
        return (out, pos)
    }
}
