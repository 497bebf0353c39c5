import Foundation

/// A position in JSON text (a nested cell, or the record parser's buffer) with the small steps
/// the nested readers need: whitespace, strings (unescaped), numbers, literals and skipping a
/// whole value. Every step checks the bounds and the grammar of RFC 8259 (as the record
/// parser does) and fails with nil or false rather than reading past the text or taking a
/// malformed value.
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
        while pos < count {
            let b = base[pos]
            // Most bytes are past the space: one comparison settles them.
            if b > 32 || (b != 32 && b != 9 && b != 10 && b != 13) { return }
            pos += 1
        }
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

    /// The bytes of the number at `pos` (its exact text), consumed; nil unless it is a number
    /// as RFC 8259 writes them (no leading zeros, digits after `.` and `e`).
    mutating func number() -> UnsafeBufferPointer<UInt8>? {
        let start = pos
        var i = pos
        if i < count, base[i] == 45 { i += 1 }
        let integer = i
        while i < count, ByteParse.isDigit(base[i]) { i += 1 }
        guard i > integer, i - integer == 1 || base[integer] != 48 else { return nil }
        if i < count, base[i] == 46 {
            i += 1
            let fraction = i
            while i < count, ByteParse.isDigit(base[i]) { i += 1 }
            guard i > fraction else { return nil }
        }
        if i < count, base[i] | 0x20 == 101 {
            i += 1
            if i < count, base[i] == 43 || base[i] == 45 { i += 1 }
            let exponent = i
            while i < count, ByteParse.isDigit(base[i]) { i += 1 }
            guard i > exponent else { return nil }
        }
        pos = i
        return UnsafeBufferPointer(start: base + start, count: i - start)
    }

    /// The number at `pos` as a double, consumed; nil unless it is a number as RFC 8259 writes
    /// them and ``ByteParse/double(_:_:)`` takes its text. Decimals of at most 19 digits without
    /// an exponent (nearly all) are checked and converted in one pass, exactly as that function
    /// converts them; the rest go through it.
    mutating func double() -> Double? {
        let start = pos
        let negative = pos < count && base[pos] == 45
        let integer = negative ? pos + 1 : pos
        var mantissa: UInt64 = 0
        var i = digits(from: integer, into: &mantissa)
        let integerDigits = i - integer
        guard integerDigits > 0, integerDigits == 1 || base[integer] != 48 else { return nil }
        var fractionDigits = 0
        if i < count, base[i] == 46 {
            let fraction = i + 1
            i = digits(from: fraction, into: &mantissa)
            fractionDigits = i - fraction
            guard fractionDigits > 0 else { return nil }
        }
        let exponent = i < count && base[i] | 0x20 == 101
        guard !exponent, integerDigits + fractionDigits <= 19, mantissa <= 1 << 53, fractionDigits <= 22 else {
            pos = start
            guard let text = number(), let p = text.baseAddress else { return nil }
            return ByteParse.double(p, text.count)
        }
        pos = i
        var v = Double(mantissa)
        if fractionDigits > 0 { v /= ByteParse.powersOfTen[fractionDigits] }
        return negative ? -v : v
    }

    /// The number at `pos` as an integer, consumed; nil unless it is a number as RFC 8259 writes
    /// them, without a fraction or exponent, that fits 64 bits (as ``ByteParse/int64(_:_:)``
    /// reads its text), checked and converted in one pass.
    mutating func int64() -> Int64? {
        let negative = pos < count && base[pos] == 45
        let integer = negative ? pos + 1 : pos
        var magnitude: UInt64 = 0
        let i = digits(from: integer, into: &magnitude, limit: 18)
        if i < count, base[i] &- 48 < 10 {
            // 19 digits or more: the checked path.
            guard let text = number(), let p = text.baseAddress else { return nil }
            return ByteParse.int64(p, text.count)
        }
        let n = i - integer
        guard n > 0, n == 1 || base[integer] != 48 else { return nil }
        if i < count, base[i] == 46 || base[i] | 0x20 == 101 { return nil }
        pos = i
        let v = Int64(magnitude)  // at most 18 digits
        return negative ? -v : v
    }

    /// Accumulates the decimal digits from `i` on into `value` (wrapping: callers bound how
    /// many count), at most `limit` of them; returns where they end.
    @inline(__always)
    private func digits(from i: Int, into value: inout UInt64, limit: Int = .max) -> Int {
        var end = i
        while end < count, base[end] &- 48 < 10, end - i < limit {
            value = value &* 10 &+ UInt64(base[end] &- 48)
            end += 1
        }
        return end
    }

    /// Consumes the string at `pos` when it is exactly `"<name>"` (no escapes), without copying.
    @inline(__always)
    mutating func matchString(_ name: ShortKey) -> Bool {
        let n = name.count
        guard count - pos >= n + 2, base[pos] == 34, base[pos + n + 1] == 34,
            name.matches(base + pos + 1, readable: count - pos - 1)
        else { return false }
        pos += n + 2
        return true
    }

    /// The text of the string at `pos` where it lies, consumed, when it has no escape (and no
    /// control character); nil, consuming nothing, otherwise.
    @inline(__always)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard pos < count, base[pos] == 34 else { return nil }
        let end = SWAR.findStringStop(base, from: pos + 1, count)
        guard end < count, base[end] == 34 else { return nil }
        let text = UnsafeBufferPointer(start: base + pos + 1, count: end - pos - 1)
        pos = end + 1
        return text
    }

    /// Reads the string at `pos` (which must be `"`) into `out`, unescaped. False when the
    /// text is not a well-formed string (not closed, a bad escape, a raw control character).
    mutating func string<Sink: ByteSink>(into out: inout Sink) -> Bool {
        guard pos < count, base[pos] == 34 else { return false }
        pos += 1
        while pos < count {
            // Copy the run up to the next quote, backslash or control character at once.
            let end = SWAR.findStringStop(base, from: pos, count)
            if end > pos { out.append(base + pos, count: end - pos) }
            pos = end
            guard pos < count, base[pos] >= 0x20 else { return false }
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
                let second = pos
                pos += 2
                guard let low = hex4() else { return false }
                scalar = JSONEscape.combine(high: scalar, low: low)
                // Not a pair: the second escape stands on its own (as the record parser reads it).
                if scalar == 0xFFFD { pos = second }
            }
            for b in String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8 { out.append(b) }
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
