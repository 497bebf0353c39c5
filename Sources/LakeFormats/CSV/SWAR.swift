/// Word-at-a-time byte search ("SIMD within a register"): eight bytes per step.
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// `b` in every byte of a word.
    @inline(__always)
    static func broadcast(_ b: UInt8) -> UInt64 { UInt64(b) &* ones }

    /// High bit set in the bytes of `w` equal to the broadcast byte (exact for the lowest match).
    @inline(__always)
    static func matches(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = w ^ pattern
        return (x &- ones) & ~x & highs
    }

    /// Index of the first byte in `p[from..<n]` equal to `a`, `b` or `c`, or `n`.
    @inline(__always)
    static func find3(
        _ p: UnsafePointer<UInt8>, from: Int, _ n: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8,
        _ wa: UInt64, _ wb: UInt64, _ wc: UInt64
    ) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let m = matches(w, wa) | matches(w, wb) | matches(w, wc)
            if m != 0 { return i + (m.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < n {
            let x = p[i]
            if x == a || x == b || x == c { return i }
            i += 1
        }
        return n
    }

    /// Index of the first byte in `p[from..<n]` equal to `a` or `b`, or `n`.
    @inline(__always)
    static func find2(
        _ p: UnsafePointer<UInt8>, from: Int, _ n: Int, _ a: UInt8, _ b: UInt8, _ wa: UInt64, _ wb: UInt64
    ) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let m = matches(w, wa) | matches(w, wb)
            if m != 0 { return i + (m.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < n {
            let x = p[i]
            if x == a || x == b { return i }
            i += 1
        }
        return n
    }

    /// Index of the first byte in `p[from..<n]` that ends a run of plain JSON string bytes: a
    /// quote, a backslash or a control character (below 0x20); `n` when there is none.
    @inline(__always)
    static func findStringStop(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        let two = broadcast(0x02)
        let below = broadcast(0x21)
        let wb = broadcast(92)
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // XOR 0x02 maps the quote (0x22) to 0x20 and control characters onto themselves, so
            // "below 0x21" catches exactly those. (y - 0x21..) & ~y & highs flags bytes below
            // 0x21; a borrow only flags bytes after a real match, so the lowest flag is exact.
            let y = w ^ two
            let m = ((y &- below) & ~y & highs) | matches(w, wb)
            if m != 0 { return i + (m.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < n {
            let x = p[i]
            if x == 34 || x == 92 || x < 0x20 { return i }
            i += 1
        }
        return n
    }

    /// Whether every byte of `p[0..<n]` is ASCII.
    static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(p)
        var acc: UInt64 = 0
        while i + 32 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            acc |= raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            acc |= raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
            acc |= raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if acc & highs != 0 { return false }
            i += 32
        }
        while i < n {
            if p[i] >= 0x80 { return false }
            i += 1
        }
        return acc & highs == 0
    }

    /// Number of `b` bytes in `p[0..<n]`.
    static func count(_ b: UInt8, in p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var total = 0
        var i = 0
        let wb = broadcast(b)
        while true {
            i = find2(p, from: i, n, b, b, wb, wb)
            if i >= n { return total }
            total += 1
            i += 1
        }
    }

    /// The first eight bytes of `p[0..<n]` as one little-endian word (all of them, zero-padded,
    /// when there are fewer), reading no byte past `n`.
    @inline(__always)
    static func word(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        n >= 8 ? UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) : tail(p, from: 0, n)
    }

    /// The last `n - i` (0-7) bytes from `p + i` as one little-endian word, loaded four, two and
    /// one at a time.
    @inline(__always)
    static func tail(_ p: UnsafeRawPointer, from i: Int, _ n: Int) -> UInt64 {
        var i = i
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        if n - i >= 4 {
            tail = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            shift = 32
            i += 4
        }
        if n - i >= 2 {
            tail |= UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt16.self))) << shift
            shift += 16
            i += 2
        }
        if i < n { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift }
        return tail
    }
}
