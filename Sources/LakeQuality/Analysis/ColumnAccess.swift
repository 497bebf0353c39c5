import Foundation
import LakeFormats

/// Typed loops over a column's values: numbers as `Double` (dates in days, timestamps in
/// seconds, decimals scaled), text and binary as bytes. Nulls are skipped unless asked for.
enum ColumnAccess {
    /// Whether the column's values are numbers (`Mean`, `Sum`, ranges apply).
    static func isNumeric(_ type: ColumnType) -> Bool {
        switch type {
        case .int32, .int64, .float, .double, .decimal, .date, .timestamp: true
        case .bool, .string, .binary, .list, .structure, .map: false
        }
    }

    /// Whether the column's values are text or bytes (lengths, patterns apply).
    static func isText(_ type: ColumnType) -> Bool {
        switch type {
        case .string, .binary: true
        default: false
        }
    }

    /// Calls `body(row, characters)` with the length in characters (UTF-8 code points) of every
    /// present value of a text column.
    @inline(__always)
    static func lengths(_ v: ByteArrayColumn, validity: [Bool]?, _ body: (Int, Int) -> Void) {
        v.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<v.count where validity?[i] ?? true {
                var n = 0
                for j in Int(v.offsets[i])..<Int(v.offsets[i + 1]) where bytes[j] & 0xC0 != 0x80 { n += 1 }
                body(i, n)
            }
        }
    }

    /// Seconds since the epoch of a date or timestamp value (as `numbers` gives it).
    static func epochSeconds(_ value: Double, type: ColumnType) -> Double? {
        switch type {
        case .date: value * 86_400
        case .timestamp: value
        default: nil
        }
    }

    /// Calls `body(row, value)` for every present numeric value.
    @inline(__always)
    static func numbers(_ column: Column, type: ColumnType, _ body: (Int, Double) -> Void) {
        let validity = column.validity
        @inline(__always) func present(_ i: Int) -> Bool { validity.map { $0[i] } ?? true }
        switch column.values {
        case .int32(let v):
            for i in v.indices where present(i) { body(i, Double(v[i])) }
        case .int64(let v):
            let scale = divisor(type)
            if scale == 1 {
                for i in v.indices where present(i) { body(i, Double(v[i])) }
            } else {
                for i in v.indices where present(i) { body(i, Double(v[i]) / scale) }
            }
        case .float(let v):
            for i in v.indices where present(i) { body(i, Double(v[i])) }
        case .double(let v):
            for i in v.indices where present(i) { body(i, v[i]) }
        case .bool(let v):
            for i in v.indices where present(i) { body(i, v[i] ? 1 : 0) }
        case .bytes(let v):
            guard case .decimal(_, let s) = type else { return }
            let scale = pow(10, Double(s))
            for i in 0..<v.count where present(i) { body(i, bigEndianSigned(v[i]) / scale) }
        case .list, .structure:
            return
        }
    }

    /// What an Int64 storage value is divided by: 10^scale for decimals, the unit per second
    /// for timestamps, 1 otherwise.
    static func divisor(_ type: ColumnType) -> Double {
        switch type {
        case .decimal(_, let s): pow(10, Double(s))
        case .timestamp(let unit): unit == .millis ? 1_000 : 1_000_000
        default: 1
        }
    }

    /// A big-endian two's complement integer (a wide decimal's unscaled value) as a Double.
    static func bigEndianSigned(_ bytes: ArraySlice<UInt8>) -> Double {
        guard let first = bytes.first else { return 0 }
        var value = 0.0
        for b in bytes { value = value * 256 + Double(b) }
        if first & 0x80 != 0 { value -= pow(256, Double(bytes.count)) }
        return value
    }

    /// The value at `row` as text, as `lake cat` would print it (for top values and messages).
    static func text(_ column: Column, type: ColumnType, row: Int) -> String? {
        if column.isNull(row) { return nil }
        switch column.values {
        case .bool(let v): return v[row] ? "true" : "false"
        case .int32(let v):
            if type == .date { return dateText(days: Int(v[row])) }
            return String(v[row])
        case .int64(let v):
            switch type {
            case .timestamp: return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(v[row]) / divisor(type)))
            case .decimal(_, let s): return decimalText(v[row], scale: s)
            default: return String(v[row])
            }
        case .float(let v): return String(v[row])
        case .double(let v): return String(v[row])
        case .bytes(let v):
            if case .decimal(_, let s) = type { return String(bigEndianSigned(v[row]) / pow(10, Double(s))) }
            return v.string(at: row)
        case .list, .structure:
            return ValueFormatter.text(column.value(at: row, type: type))
        }
    }

    static func dateText(days: Int) -> String {
        let date = Date(timeIntervalSince1970: Double(days) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func decimalText(_ unscaled: Int64, scale: Int) -> String {
        guard scale > 0 else { return String(unscaled) }
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}
