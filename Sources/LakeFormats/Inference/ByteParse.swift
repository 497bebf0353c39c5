import Foundation

/// Parsers for numbers, booleans, dates and timestamps straight from UTF-8 bytes, without
/// building a `String`. Every function returns nil when the text is not exactly one value of
/// its kind (no surrounding spaces: trimming is the reader's job).
enum ByteParse {
    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// A base-10 integer with an optional sign; nil on overflow or any other character.
    @inline(__always)
    static func int64(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if p[0] == 45 || p[0] == 43 {  // - +
            negative = p[0] == 45
            i = 1
            guard n > 1 else { return nil }
        }
        // Up to 18 digits cannot overflow; longer inputs take the checked path.
        if n - i <= 18 {
            var v: Int64 = 0
            while i < n {
                let d = p[i] &- 48
                guard d < 10 else { return nil }
                v = v &* 10 &+ Int64(d)
                i += 1
            }
            return negative ? -v : v
        }
        var v: UInt64 = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            v = a
            i += 1
        }
        if negative {
            guard v <= UInt64(Int64.max) + 1 else { return nil }
            return v == UInt64(Int64.max) + 1 ? Int64.min : -Int64(v)
        }
        guard v <= UInt64(Int64.max) else { return nil }
        return Int64(v)
    }

    /// Whether the text starts (after an optional sign) with a zero followed by another digit,
    /// like `007` or `-08.5`: a code rather than a number. `0`, `0.5` and `-0` are not.
    @inline(__always)
    static func hasLeadingZero(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let i = n > 0 && (p[0] == 45 || p[0] == 43) ? 1 : 0
        return i + 1 < n && p[i] == 48 && isDigit(p[i + 1])
    }

    /// `true`/`false` in any letter case; with `lenient`, also `t`/`f`, `yes`/`no`, `1`/`0`.
    static func bool(_ p: UnsafePointer<UInt8>, _ n: Int, lenient: Bool) -> Bool? {
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c | 0x20 }
        switch n {
        case 4:
            if lower(p[0]) == 116, lower(p[1]) == 114, lower(p[2]) == 117, lower(p[3]) == 101 { return true }
        case 5:
            if lower(p[0]) == 102, lower(p[1]) == 97, lower(p[2]) == 108, lower(p[3]) == 115,
                lower(p[4]) == 101
            {
                return false
            }
        case 1 where lenient:
            switch lower(p[0]) {
            case 116, 49: return true  // t 1
            case 102, 48: return false  // f 0
            default: return nil
            }
        case 3 where lenient:
            if lower(p[0]) == 121, lower(p[1]) == 101, lower(p[2]) == 115 { return true }
        case 2 where lenient:
            if lower(p[0]) == 110, lower(p[1]) == 111 { return false }
        default: break
        }
        return nil
    }

    /// Exact powers of ten representable in a Double.
    static let powersOfTen: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// A decimal floating-point number (`-12.5`, `3e-7`, `.5`, `NaN`, `inf`).
    ///
    /// Typical text (up to 19 significant digits, exponent within ±22) is converted exactly on a
    /// fast path; anything else goes through `strtod` on a small stack copy.
    static func double(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var anyDigit = false
        var exponent = 0
        while i < n, isDigit(p[i]) {
            anyDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
                digits += 1
            }
            i += 1
        }
        if i < n, p[i] == 46 {  // .
            i += 1
            while i < n, isDigit(p[i]) {
                anyDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    digits += 1
                }
                i += 1
            }
        }
        guard anyDigit else { return special(p, n) }
        if i < n, p[i] | 0x20 == 101 {  // e E
            i += 1
            var expNegative = false
            if i < n, p[i] == 45 || p[i] == 43 {
                expNegative = p[i] == 45
                i += 1
            }
            guard i < n else { return nil }
            var e = 0
            while i < n, isDigit(p[i]) {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if digits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return negative ? -v : v
        }
        return viaStrtod(p, n)
    }

    private static func special(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if n > 0, p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
        }
        let rest = n - i
        guard rest == 3 || rest == 8 else { return nil }
        var word: [UInt8] = []
        for j in i..<n { word.append(p[j] | 0x20) }
        switch word {
        case Array("nan".utf8): return Double.nan
        case Array("inf".utf8), Array("infinity".utf8): return negative ? -Double.infinity : Double.infinity
        default: return nil
        }
    }

    private static func viaStrtod(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            guard let b = buf.baseAddress else { return nil }
            p.withMemoryRebound(to: CChar.self, capacity: n) { b.update(from: $0, count: n) }
            b[n] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(b, &end)
            guard let end, end - b == n else { return nil }
            return v
        }
    }

    /// Digits before and after the point of plain decimal text (`-123.450`), nil otherwise.
    /// Leading zeros of the integer part are not counted.
    static func decimalShape(_ p: UnsafePointer<UInt8>, _ n: Int) -> (integer: Int, fraction: Int)? {
        var i = 0
        if n > 0, p[0] == 45 || p[0] == 43 { i = 1 }
        var integer = 0
        var fraction = 0
        var any = false
        var leading = true
        while i < n, isDigit(p[i]) {
            if !(leading && p[i] == 48) {
                integer += 1
                leading = false
            }
            any = true
            i += 1
        }
        if i < n, p[i] == 46 {
            i += 1
            while i < n, isDigit(p[i]) {
                fraction += 1
                any = true
                i += 1
            }
        }
        guard any, i == n else { return nil }
        return (integer, fraction)
    }

    /// Plain decimal text as an unscaled integer at `scale` (`"12.5"` at scale 2 is 1250); nil
    /// when it has more fraction digits than `scale` or does not fit 18 digits.
    static func decimalUnscaled(_ p: UnsafePointer<UInt8>, _ n: Int, scale: Int) -> Int64? {
        var i = 0
        var negative = false
        if n > 0, p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
        }
        var v: Int64 = 0
        var significant = 0
        var any = false
        while i < n, isDigit(p[i]) {
            v = v &* 10 &+ Int64(p[i] &- 48)
            if v != 0 { significant += 1 }
            any = true
            i += 1
        }
        var fraction = 0
        if i < n, p[i] == 46 {
            i += 1
            while i < n, isDigit(p[i]) {
                fraction += 1
                guard fraction <= scale else { return nil }
                v = v &* 10 &+ Int64(p[i] &- 48)
                if v != 0 { significant += 1 }
                any = true
                i += 1
            }
        }
        guard any, i == n else { return nil }
        while fraction < scale {
            v = v &* 10
            if v != 0 { significant += 1 }
            fraction += 1
        }
        guard significant <= 18 else { return nil }
        return negative ? -v : v
    }
}
