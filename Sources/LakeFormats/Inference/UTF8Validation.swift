/// UTF-8 validation and repair on raw bytes (RFC 3629: no overlongs, no surrogates, at most
/// U+10FFFF).
enum UTF8Validation {
    /// Length of the valid sequence starting at `p[i]`, or 0 when it is invalid.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && p[j] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0...0xEF:
            guard i + 1 < n else { return 0 }
            let b1 = p[i + 1]
            let ok1 = b0 == 0xE0 ? (0xA0...0xBF).contains(b1) : b0 == 0xED ? (0x80...0x9F).contains(b1) : b1 & 0xC0 == 0x80
            return ok1 && cont(i + 2) ? 3 : 0
        case 0xF0...0xF4:
            guard i + 1 < n else { return 0 }
            let b1 = p[i + 1]
            let ok1 = b0 == 0xF0 ? (0x90...0xBF).contains(b1) : b0 == 0xF4 ? (0x80...0x8F).contains(b1) : b1 & 0xC0 == 0x80
            return ok1 && cont(i + 2) && cont(i + 3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Offset of the first invalid byte of `p[0..<n]`, or nil when all of it is valid.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        while i < n {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let l = sequenceLength(p, i, n)
            if l == 0 { return i }
            i += l
        }
        return nil
    }

    /// Offset of the first invalid byte of `bytes`, or nil when all of it is valid.
    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return nil }
            return firstInvalid(p, b.count)
        }
    }

    /// The first value of `text` that is not valid UTF-8, or nil. Values are checked one by one
    /// (two invalid halves can join into a valid sequence), after one pass settles all-ASCII text.
    static func firstInvalidValue(_ text: ByteArrayColumn) -> Int? {
        text.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, !SWAR.isASCII(base, bytes.count) else { return nil }
            for i in 0..<text.count {
                let start = Int(text.offsets[i])
                if firstInvalid(base + start, Int(text.offsets[i + 1]) - start) != nil { return i }
            }
            return nil
        }
    }

    /// Appends `p[0..<n]` to `out`, each invalid byte replaced with U+FFFD.
    static func appendRepairing(_ p: UnsafePointer<UInt8>, _ n: Int, to out: inout [UInt8]) {
        var i = 0
        while i < n {
            let l = sequenceLength(p, i, n)
            if l == 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
            } else {
                out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: l))
                i += l
            }
        }
    }
}
