import Foundation

/// A position in JSON text that has already been checked by the record parser (a nested cell),
/// with the small steps the nested readers need: whitespace, strings (unescaped), numbers,
/// literals and skipping a whole value. Every step checks the bounds and fails with nil or
/// false rather than reading past the text.
struct JSONCursor {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos = 0

    /// What an empty buffer points at (never read: its count is 0).
    private nonisolated(unsafe) static let nothing = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    init(_ bytes: UnsafeRawBufferPointer) {
        if let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            base = start
            count = bytes.count
        } else {
            base = UnsafePointer(Self.nothing)
            count = 0
        }
    }

    @inline(__always) var atEnd: Bool { pos >= count }

    /// Whether only whitespace is left (skipping it).
    mutating func consumedAll() -> Bool {
        skipSpace()
        return atEnd
    }

    @inline(__always) var peek: UInt8 { pos < count ? base[pos] : 0 }

    @inline(__always) mutating func skipSpace() {
        while pos < count, base[pos] == 32 || base[pos] == 9 || base[pos] == 10 || base[pos] == 13 { pos += 1 }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard pos < count, base[pos] == byte else { return false }
        pos += 1
        return true
    }

    /// Consumes the literal `word` (`true`, `false`, `null`).
    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard count - pos >= n else { return false }
        let w = word.utf8Start
        for i in 0..<n where base[pos + i] != w[i] { return false }
        pos += n
        return true
    }

    /// The bytes of the number at `pos` (its exact text), consumed.
    mutating func number() -> UnsafeBufferPointer<UInt8>? {
        let start = pos
        while pos < count {
            let b = base[pos]
            guard (48...57).contains(b) || b == 45 || b == 43 || b == 46 || b == 101 || b == 69 else { break }
            pos += 1
        }
        return pos > start ? UnsafeBufferPointer(start: base + start, count: pos - start) : nil
    }

    /// Consumes the string at `pos` when it is exactly `"<name>"` (no escapes), without copying.
    @inline(__always)
    mutating func matchString(_ name: [UInt8]) -> Bool {
        let n = name.count
        guard count - pos >= n + 2, base[pos] == 34, base[pos + n + 1] == 34 else { return false }
        let matched = name.withUnsafeBufferPointer { b -> Bool in
            guard let p = b.baseAddress else { return true }
            return memcmp(base + pos + 1, p, n) == 0
        }
        if matched { pos += n + 2 }
        return matched
    }

    /// Reads the string at `pos` (which must be `"`) into `out`, unescaped. False when the
    /// text is not a well-formed string.
    mutating func string(into out: inout [UInt8]) -> Bool {
        guard pos < count, base[pos] == 34 else { return false }
        pos += 1
        while pos < count {
            // Copy the run up to the next quote or backslash at once.
            var end = pos
            while end < count, base[end] != 34, base[end] != 92 { end += 1 }
            if end > pos { out.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: end - pos)) }
            pos = end
            guard pos < count else { return false }
            if base[pos] == 34 {
                pos += 1
                return true
            }
            pos += 1
            guard pos < count else { return false }
            let e = base[pos]
            pos += 1
            if let b = JSONEscape.simple(e) {
                out.append(b)
                continue
            }
            guard e == 117, var scalar = hex4() else { return false }
            if (0xD800..<0xDC00).contains(scalar), count - pos >= 6, base[pos] == 92, base[pos + 1] == 117 {
                pos += 2
                guard let low = hex4() else { return false }
                scalar = JSONEscape.combine(high: scalar, low: low)
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        }
        return false
    }

    private mutating func hex4() -> UInt32? {
        guard count - pos >= 4 else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = JSONEscape.hexDigit(base[pos]) else { return nil }
            pos += 1
            v = v << 4 | d
        }
        return v
    }

    /// Skips one whole value (any kind), up to `depth` levels deep; returns its text.
    mutating func skipValue(depth: Int) -> UnsafeRawBufferPointer? {
        skipSpace()
        let start = pos
        guard depth > 0, pos < count else { return nil }
        var scratch: [UInt8] = []
        switch base[pos] {
        case 34: guard string(into: &scratch) else { return nil }
        case 123, 91:
            let close: UInt8 = base[pos] == 123 ? 125 : 93
            pos += 1
            if consume(close) { break }
            while true {
                if close == 125 {
                    skipSpace()
                    scratch.removeAll(keepingCapacity: true)
                    guard string(into: &scratch), consume(58) else { return nil }
                }
                guard skipValue(depth: depth - 1) != nil else { return nil }
                if consume(44) { continue }
                guard consume(close) else { return nil }
                break
            }
        case 116: guard literal("true") else { return nil }
        case 102: guard literal("false") else { return nil }
        case 110: guard literal("null") else { return nil }
        default: guard number() != nil else { return nil }
        }
        return UnsafeRawBufferPointer(start: base + start, count: pos - start)
    }
}
