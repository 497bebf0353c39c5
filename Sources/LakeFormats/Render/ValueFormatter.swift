import Foundation

/// Text forms of ``Value``s shared by the CLI renderers: timestamps as ISO 8601 UTC with a
/// fraction (`2024-05-01T12:00:00.250Z`, six digits for micros), dates `YYYY-MM-DD`, decimals as
/// exact decimal strings, binary as base64, non-finite floats as `NaN`, `Infinity`, `-Infinity`,
/// lists, structs and maps as JSON.
public enum ValueFormatter {
    /// The display text of a value (`null` for ``Value/null``).
    public static func text(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f): return floatText(f)
        case .double(let d): return doubleText(d)
        case .string(let s): return s
        case .binary(let b): return Data(b).base64EncodedString()
        case .date(let d): return dateText(days: Int64(d))
        case .timestamp(let v, let unit): return timestampText(v, unit)
        case .decimal(let unscaled, let scale): return ParquetValueDecoding.decimalText(unscaled: unscaled, scale: scale)
        case .list, .structure, .map:
            var out = ""
            RowJSONRenderer.append(value, to: &out)
            return out
        }
    }

    /// Shortest round-trip text of a double; `NaN`, `Infinity`, `-Infinity` when not finite.
    public static func doubleText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return d.description
    }

    /// Shortest round-trip text of a float; `NaN`, `Infinity`, `-Infinity` when not finite.
    public static func floatText(_ f: Float) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
        return f.description
    }

    /// `YYYY-MM-DD` for days since 1970-01-01 (proleptic Gregorian).
    public static func dateText(days: Int64) -> String {
        let (y, m, d) = civil(days: days)
        return "\(yearText(y))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// ISO 8601 UTC: `YYYY-MM-DDTHH:MM:SS.fffZ` (millis) or `.ffffffZ` (micros).
    public static func timestampText(_ value: Int64, _ unit: TimeUnit) -> String {
        let perSecond: Int64 = unit == .millis ? 1000 : 1_000_000
        // Truncate, then step down for negative remainders: no intermediate can overflow,
        // even for Int64.min.
        var seconds = value / perSecond
        var fraction = value % perSecond
        if fraction < 0 {
            seconds -= 1
            fraction += perSecond
        }
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(days: days)
        let hh = secondOfDay / 3600
        let mm = secondOfDay / 60 % 60
        let ss = secondOfDay % 60
        let digits = unit == .millis ? 3 : 6
        return "\(yearText(y))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2)).\(pad(fraction, digits))Z"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func yearText(_ y: Int64) -> String {
        y < 0 ? "-" + pad(-y, 4) : pad(y, 4)
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}
