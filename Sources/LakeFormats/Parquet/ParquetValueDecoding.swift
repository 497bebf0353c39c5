/// Turns PLAIN-encoded Parquet values (statistics, dictionary entries) into ``Value``s, and
/// decimal byte strings into exact decimal digit strings.
enum ParquetValueDecoding {
    /// Decodes a statistics value (PLAIN, no length prefix for byte arrays) for a column of
    /// `type` as SwiftLake stores it. Returns nil when the bytes do not fit the type.
    static func statisticValue(_ bytes: [UInt8], type: ColumnType, physical: ParquetThrift.PhysicalType? = nil) -> Value? {
        let phys = physical ?? ParquetColumnMapping(writing: type).physical
        func int() -> Int64? {
            switch phys {
            case .int32:
                guard bytes.count == 4 else { return nil }
                return Int64(Int32(bitPattern: UInt32(littleEndianBytes: bytes)))
            case .int64:
                guard bytes.count == 8 else { return nil }
                return Int64(bitPattern: UInt64(littleEndianBytes: bytes))
            default: return nil
            }
        }
        switch type {
        case .bool: return bytes.count == 1 ? .bool(bytes[0] != 0) : nil
        case .int32, .int64: return int().map { .int($0) }
        case .float:
            guard bytes.count == 4 else { return nil }
            return .float(Float(bitPattern: UInt32(littleEndianBytes: bytes)))
        case .double:
            guard bytes.count == 8 else { return nil }
            return .double(Double(bitPattern: UInt64(littleEndianBytes: bytes)))
        case .string: return .string(String(decoding: bytes, as: UTF8.self))
        case .binary: return .binary(bytes)
        case .date: return int().flatMap { Int32(exactly: $0) }.map { .date($0) }
        case .timestamp(let unit): return int().map { .timestamp($0, unit) }
        case .decimal(_, let scale):
            if phys == .fixedLenByteArray || phys == .byteArray {
                return .decimal(unscaled: decimalString(bigEndian: bytes), scale: scale)
            }
            return int().map { .decimal(unscaled: String($0), scale: scale) }
        case .list, .structure, .map: return nil
        }
    }

    /// The decimal digits of a big-endian two's-complement integer of any length.
    static func decimalString(bigEndian bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "0" }
        let negative = bytes[0] & 0x80 != 0
        var magnitude = bytes
        if negative {
            // Two's complement negation: invert, add one.
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                let (sum, overflow) = magnitude[i].addingReportingOverflow(1)
                magnitude[i] = sum
                if !overflow { break }
                i -= 1
            }
        }
        var digits: [UInt8] = []
        var number = magnitude
        while number.contains(where: { $0 != 0 }) {
            var remainder: UInt32 = 0
            for i in number.indices {
                let acc = remainder << 8 | UInt32(number[i])
                number[i] = UInt8(acc / 10)
                remainder = acc % 10
            }
            digits.append(UInt8(remainder) + 48)
        }
        if digits.isEmpty { return "0" }
        if negative { digits.append(45) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// Formats an unscaled decimal as exact text with `scale` fractional digits: `-12.30`.
    static func decimalText(unscaled: String, scale: Int) -> String {
        var digits = Substring(unscaled)
        var sign = ""
        if digits.first == "-" {
            sign = "-"
            digits = digits.dropFirst()
        }
        guard scale > 0 else { return sign + digits }
        var padded = String(digits)
        if padded.count <= scale { padded = String(repeating: "0", count: scale - padded.count + 1) + padded }
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<cut] + "." + padded[cut...]
    }
}

extension FixedWidthInteger {
    /// Reads a little-endian integer from exactly `MemoryLayout<Self>.size` bytes (callers check).
    init(littleEndianBytes bytes: [UInt8]) {
        var v: Self = 0
        for (i, b) in bytes.prefix(MemoryLayout<Self>.size).enumerated() { v |= Self(b) << (8 * i) }
        self = v
    }
}
