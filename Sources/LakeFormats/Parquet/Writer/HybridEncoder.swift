/// Encodes the Parquet RLE / bit-packed hybrid (definition levels and dictionary indices):
/// runs of 8 or more equal values become RLE runs, everything else bit-packed groups of 8.
/// Bit-packed runs are capped at 63 groups so the run header stays one byte, which every
/// reader accepts.
enum HybridEncoder {
    static let maxPackedGroups = 63

    /// Bits needed to store `maxValue` (0 for 0).
    @inline(__always) static func bitWidth(_ maxValue: UInt32) -> Int {
        maxValue == 0 ? 0 : 32 - maxValue.leadingZeroBitCount
    }

    /// Appends the hybrid encoding of `values` (each < 2^bitWidth) to `out`.
    static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, bitWidth: Int, into out: OutputBuffer
    ) {
        let n = values.count
        guard n > 0, let p = values.baseAddress else { return }
        var i = 0
        var packedStart = 0
        while i < n {
            if T.self == UInt8.self {
                // Only runs of eight or more matter: jump to the next place one can start.
                i = nextRunStart(UnsafeRawPointer(p), from: i, n)
                if i >= n { break }
            }
            let v = p[i]
            let j = runEnd(p, from: i + 1, n, v)
            let run = j - i
            if run >= 8 {
                // Values before the run that are pending bit-packing must fill whole groups:
                // borrow from the run to complete the last group.
                var start = i
                let pending = start - packedStart
                if pending % 8 != 0 {
                    let borrow = 8 - pending % 8
                    if run - borrow >= 8 {
                        start += borrow
                    } else {
                        i = j
                        continue
                    }
                }
                if start > packedStart { emitPacked(p + packedStart, start - packedStart, bitWidth, out) }
                emitRun(UInt64(v), j - start, bitWidth, out)
                packedStart = j
            }
            i = j
        }
        if n > packedStart { emitPacked(p + packedStart, n - packedStart, bitWidth, out) }
    }

    /// The first position from `from` on where eight equal bytes start (`n` when none does),
    /// or a position near the end from which the values are looked at one by one. Such a
    /// run cannot start before the last change among the next eight bytes, so the scan moves
    /// up to eight bytes per step instead of one short run (levels alternate often).
    @inline(__always) static func nextRunStart(_ p: UnsafeRawPointer, from: Int, _ n: Int) -> Int {
        var i = from
        while i + 9 <= n {
            let here = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let next = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 1, as: UInt64.self))
            // Byte m is nonzero where value i+m differs from value i+m+1 (m < 7: the eight
            // values from i).
            let changes = (here ^ next) & 0x00FF_FFFF_FFFF_FFFF
            if changes == 0 { return i }
            i += (63 - changes.leadingZeroBitCount) / 8 + 1  // past the last change
        }
        return i
    }

    /// The index of the first value from `from` on that is not `v` (or `n`). Levels are bytes
    /// in long runs (every row present), so bytes are compared eight at a time.
    @inline(__always) static func runEnd<T: FixedWidthInteger & UnsignedInteger>(
        _ p: UnsafePointer<T>, from: Int, _ n: Int, _ v: T
    ) -> Int {
        var j = from
        if T.self == UInt8.self {
            let raw = UnsafeRawPointer(p)
            let pattern = UInt64(truncatingIfNeeded: v) &* 0x0101_0101_0101_0101
            while j + 8 <= n {
                let differ = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)) ^ pattern
                if differ != 0 { return j + differ.trailingZeroBitCount / 8 }
                j += 8
            }
        }
        while j < n && p[j] == v { j += 1 }
        return j
    }

    @inline(__always) static func emitRun(_ value: UInt64, _ count: Int, _ bitWidth: Int, _ out: OutputBuffer) {
        out.appendVarint(UInt64(count) << 1)
        var v = value
        for _ in 0..<((bitWidth + 7) / 8) {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Bit-packs `count` values (the last group padded with zeros) in runs of at most 63 groups.
    static func emitPacked<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafePointer<T>, _ count: Int, _ bitWidth: Int, _ out: OutputBuffer
    ) {
        var done = 0
        while done < count {
            let take = min(count - done, maxPackedGroups * 8)
            let groups = (take + 7) / 8
            out.appendVarint(UInt64(groups) << 1 | 1)
            let bytes = groups * bitWidth
            out.reserve(bytes + 8)
            let dst = out.tail
            // Values gather in a 64-bit accumulator and leave it four bytes at a time (a width
            // is at most 32 bits, so the accumulator never holds more than 63); the padding
            // values of the last group are zeros, which the accumulator already holds.
            var acc: UInt64 = 0
            var bits = 0
            var o = 0
            let src = values + done
            for k in 0..<take {
                acc |= UInt64(src[k]) << UInt64(bits)
                bits += bitWidth
                if bits >= 32 {
                    dst.storeBytes(of: UInt32(truncatingIfNeeded: acc).littleEndian, toByteOffset: o, as: UInt32.self)
                    o += 4
                    acc >>= 32
                    bits -= 32
                }
            }
            // The rest of the group's bytes (whole bytes: 8 values of `bitWidth` bits each).
            while o < bytes {
                dst.storeBytes(of: UInt8(truncatingIfNeeded: acc), toByteOffset: o, as: UInt8.self)
                o += 1
                acc >>= 8
            }
            out.advance(bytes)
            done += take
        }
    }

    /// One RLE run of `count` ones at bit width 1: the definition levels of a page without nulls.
    static func encodeAllOnes(count: Int, into out: OutputBuffer) {
        guard count > 0 else { return }
        out.appendVarint(UInt64(count) << 1)
        out.append(1)
    }
}
