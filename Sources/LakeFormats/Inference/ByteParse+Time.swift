/// ISO 8601 text as an instant, for other modules (data-quality date operands): the same
/// parser CSV and JSON inference use.
public enum ISOInstant {
    /// Seconds since the epoch of `YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][Z|±HH[:MM]]` (no offset: UTC),
    /// or nil when `text` is not one.
    public static func epochSeconds(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return ByteParse.instant(base, buffer.count).map { Double($0.micros) / 1_000_000 }
        }
    }
}

/// ISO 8601 dates and timestamps from bytes.
extension ByteParse {
    /// Days since 1970-01-01 of a proleptic Gregorian civil date.
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inline(__always)
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always)
    private static func two(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int? {
        let a = p[i] &- 48
        let b = p[i + 1] &- 48
        guard a < 10, b < 10 else { return nil }
        return Int(a) * 10 + Int(b)
    }

    /// `YYYY-MM-DD` at the start of `p` (needs `n >= 10`): days since the epoch.
    @inline(__always)
    private static func datePrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard n >= 10, p[4] == 45, p[7] == 45, let y1 = two(p, 0), let y2 = two(p, 2),
            let month = two(p, 5), let day = two(p, 8)
        else { return nil }
        let year = y1 * 100 + y2
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    /// An ISO date `YYYY-MM-DD`: days since 1970-01-01.
    static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, let d = datePrefix(p, n) else { return nil }
        return Int32(truncatingIfNeeded: d)
    }

    /// The parts of an ISO 8601 timestamp: microseconds since the epoch (UTC) and the number of
    /// fraction digits written.
    struct Instant {
        var micros: Int64
        var fractionDigits: Int
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.f{1,9}]]][Z|±HH[:MM]|±HHMM]`. A date alone is midnight; a
    /// timestamp without offset is taken as UTC. Fractions beyond microseconds are truncated.
    static func instant(_ p: UnsafePointer<UInt8>, _ n: Int) -> Instant? {
        guard let days = datePrefix(p, n) else { return nil }
        var micros = Int64(days) * 86_400_000_000
        if n == 10 { return Instant(micros: micros, fractionDigits: 0) }
        guard n >= 16, p[10] == 84 || p[10] == 32 || p[10] == 116, p[13] == 58, let hh = two(p, 11),
            let mi = two(p, 14), hh < 24, mi < 60
        else { return nil }
        var seconds = hh * 3600 + mi * 60
        var i = 16
        var fractionDigits = 0
        var fractionMicros: Int64 = 0
        if i < n, p[i] == 58 {
            guard i + 3 <= n, let ss = two(p, i + 1), ss <= 60 else { return nil }
            seconds += ss
            i += 3
            if i < n, p[i] == 46 || p[i] == 44 {
                i += 1
                var scale: Int64 = 100_000
                while i < n, isDigit(p[i]) {
                    fractionDigits += 1
                    guard fractionDigits <= 9 else { return nil }
                    fractionMicros += Int64(p[i] &- 48) * scale
                    scale /= 10
                    i += 1
                }
                guard fractionDigits > 0 else { return nil }
            }
        }
        micros += Int64(seconds) * 1_000_000 + fractionMicros
        if i < n {
            switch p[i] {
            case 90, 122:  // Z z
                i += 1
            case 43, 45:  // + -
                let sign: Int64 = p[i] == 45 ? -1 : 1
                i += 1
                guard i + 2 <= n, let oh = two(p, i), oh < 24 else { return nil }
                i += 2
                var om = 0
                if i < n, p[i] == 58 { i += 1 }
                if i + 2 <= n, let m = two(p, i) {
                    guard m < 60 else { return nil }
                    om = m
                    i += 2
                }
                micros -= sign * Int64(oh * 3600 + om * 60) * 1_000_000
            default:
                return nil
            }
        }
        guard i == n else { return nil }
        return Instant(micros: micros, fractionDigits: fractionDigits)
    }
}
