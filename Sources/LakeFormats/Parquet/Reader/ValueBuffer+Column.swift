extension ValueBuffer {
    /// Spreads the non-null values over `rows` slots (nulls get placeholders) and converts them
    /// to the storage SwiftLake uses for `mapping.type` (see ``ParquetTypeMapping``).
    func column(rows: Int, validity: [Bool]?, mapping: ParquetTypeMapping) throws -> Column {
        guard count == (validity.map { $0.lazy.filter { $0 }.count } ?? rows) else {
            throw FormatError.corrupt("column chunk has \(count) values for its non-null rows")
        }
        let values: ColumnValues
        switch (physical, mapping.conversion) {
        case (.boolean, _): values = .bool(Self.spread(bools, validity, false))
        case (.int32, .uint32ToInt64):
            values = .int64(Self.spread(int32s.map { Int64(UInt32(bitPattern: $0)) }, validity, 0))
        case (.int32, .decimalToInt64):
            values = .int64(Self.spread(int32s.map { Int64($0) }, validity, 0))
        case (.int32, .integerToDecimalBytes):
            values = .bytes(Self.spreadBytes(Self.bigEndian(int32s.map { Int64($0) }), validity))
        case (.int32, _): values = .int32(Self.spread(int32s, validity, 0))
        case (.int64, .nanosToMicros):
            values = .int64(Self.spread(int64s.map { Self.floorDiv($0, 1000) }, validity, 0))
        case (.int64, .uint64ToDecimal):
            var out = ByteArrayColumn()
            for v in int64s { out.append([0] + Self.bigEndianBytes(UInt64(bitPattern: v))) }
            values = .bytes(Self.spreadBytes(out, validity))
        case (.int64, .integerToDecimalBytes):
            values = .bytes(Self.spreadBytes(Self.bigEndian(int64s), validity))
        case (.int64, _), (.int96, _): values = .int64(Self.spread(int64s, validity, 0))
        case (.float, _): values = .float(Self.spread(floats, validity, 0))
        case (.double, _): values = .double(Self.spread(doubles, validity, 0))
        case (.byteArray, .decimalToInt64), (.fixedLenByteArray, .decimalToInt64):
            var ints: [Int64] = []
            ints.reserveCapacity(bytes.count)
            for i in 0..<bytes.count {
                guard let v = Self.int64(bigEndian: bytes[i]) else {
                    throw FormatError.corrupt("decimal value does not fit its declared precision")
                }
                ints.append(v)
            }
            values = .int64(Self.spread(ints, validity, 0))
        case (.fixedLenByteArray, .float16ToFloat):
            var halves: [Float] = []
            halves.reserveCapacity(bytes.count)
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b.count == 2 else { throw FormatError.corrupt("FLOAT16 value of \(b.count) bytes") }
                halves.append(Self.float(half: UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8))
            }
            values = .float(Self.spread(halves, validity, 0))
        case (.byteArray, _), (.fixedLenByteArray, _): values = .bytes(Self.spreadBytes(bytes, validity))
        }
        return Column(values: values, validity: validity)
    }

    /// Widens an IEEE 754 half-precision bit pattern (little-endian in the file) to a Float,
    /// exactly: subnormals, infinities and NaN included.
    static func float(half bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int(bits >> 10 & 0x1F)
        let fraction = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: fraction * 2^-24, exact in a Float.
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | fraction << 13)
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func spread<T>(_ dense: [T], _ validity: [Bool]?, _ placeholder: T) -> [T] {
        guard let validity else { return dense }
        var out: [T] = []
        out.reserveCapacity(validity.count)
        var k = 0
        for present in validity {
            if present {
                out.append(dense[k])
                k += 1
            } else {
                out.append(placeholder)
            }
        }
        return out
    }

    static func spreadBytes(_ dense: ByteArrayColumn, _ validity: [Bool]?) -> ByteArrayColumn {
        guard let validity else { return dense }
        var out = ByteArrayColumn()
        out.reserveCapacity(values: validity.count, bytes: dense.bytes.count)
        var k = 0
        for present in validity {
            if present {
                out.append(dense[k])
                k += 1
            } else {
                out.appendEmpty()
            }
        }
        return out
    }

    /// Sign-extends a big-endian two's-complement value of up to 8 bytes (longer ones only when
    /// the extra leading bytes are sign extension).
    static func int64(bigEndian bytes: ArraySlice<UInt8>) -> Int64? {
        guard let first = bytes.first else { return 0 }
        let negative = first & 0x80 != 0
        let extra = bytes.count - 8
        if extra > 0 {
            let fill: UInt8 = negative ? 0xFF : 0
            let head = bytes.prefix(extra)
            guard head.allSatisfy({ $0 == fill }),
                (bytes[bytes.startIndex + extra] & 0x80 != 0) == negative
            else { return nil }
        }
        var v: UInt64 = negative ? ~0 : 0
        for b in bytes.suffix(8) { v = v << 8 | UInt64(b) }
        return Int64(bitPattern: v)
    }

    static func bigEndianBytes(_ v: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: v >> UInt64(56 - 8 * $0)) }
    }

    static func bigEndian(_ values: [Int64]) -> ByteArrayColumn {
        var out = ByteArrayColumn()
        for v in values { out.append(bigEndianBytes(UInt64(bitPattern: v))) }
        return out
    }
}
