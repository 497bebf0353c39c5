/// Decodes the RLE / bit-packed hybrid into `UInt32`s, checking every run against the bytes
/// available and never producing more than the values asked for.
enum HybridDecoder {
    /// Decodes `count` values of `bitWidth` bits from `data[start..<end]`.
    static func decode(
        _ data: UnsafeRawBufferPointer, start: Int, end: Int, bitWidth: Int, count: Int
    ) throws -> [UInt32] {
        guard (0...32).contains(bitWidth) else {
            throw FormatError.corrupt("RLE bit width \(bitWidth) is over 32")
        }
        guard end <= data.count, start <= end else { throw FormatError.corrupt("RLE data outside the page") }
        var out: [UInt32] = []
        out.reserveCapacity(count)
        var pos = start
        let byteWidth = (bitWidth + 7) / 8
        while out.count < count {
            guard pos < end else { throw FormatError.corrupt("RLE data ends after \(out.count) of \(count) values") }
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard pos < end, shift < 64 else { throw FormatError.corrupt("RLE run header cut short") }
                let b = data[pos]
                pos += 1
                header |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            let wanted = count - out.count
            if header & 1 == 0 {
                let run = header >> 1
                guard pos + byteWidth <= end else { throw FormatError.corrupt("RLE run value cut short") }
                var value: UInt32 = 0
                for k in 0..<byteWidth { value |= UInt32(data[pos + k]) << (8 * k) }
                pos += byteWidth
                let n = Int(min(run, UInt64(wanted)))
                out.append(contentsOf: repeatElement(value, count: n))
            } else {
                let groups = header >> 1
                guard groups <= UInt64(Int32.max) else { throw FormatError.corrupt("bit-packed run too long") }
                let values = Int(groups) * 8
                let n = min(values, wanted)
                // Bytes for the values we need (a final run may stop short of its padding).
                let needBytes = (n * bitWidth + 7) / 8
                guard pos + needBytes <= end else { throw FormatError.corrupt("bit-packed run cut short") }
                if bitWidth == 0 {
                    out.append(contentsOf: repeatElement(0, count: n))
                } else {
                    let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
                    var acc: UInt64 = 0
                    var bits = 0
                    var p = pos
                    for _ in 0..<n {
                        while bits < bitWidth {
                            acc |= UInt64(data[p]) << UInt64(bits)
                            p += 1
                            bits += 8
                        }
                        out.append(UInt32(truncatingIfNeeded: acc & mask))
                        acc >>= UInt64(bitWidth)
                        bits -= bitWidth
                    }
                }
                pos += min(Int(groups) * bitWidth, end - pos)
            }
        }
        return out
    }
}
