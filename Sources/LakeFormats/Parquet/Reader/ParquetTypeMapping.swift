/// How a Parquet leaf column maps back to a SwiftLake ``ColumnType`` when reading, and what
/// conversion its values need.
///
/// | Parquet | ColumnType |
/// |---|---|
/// | BOOLEAN | bool |
/// | INT32 (plain, INT(8/16/32, signed), INT(8/16, unsigned), TIME_MILLIS) | int32 |
/// | INT32 UINT_32 | int64 |
/// | INT32 DATE | date |
/// | INT64 (plain, INT_64, TIME_MICROS, TIME_NANOS) | int64 |
/// | INT64 UINT_64 | decimal(20,0) (exact) |
/// | INT64 TIMESTAMP millis / micros | timestamp(ms) / timestamp(us) |
/// | INT64 TIMESTAMP nanos | timestamp(us), floored to whole microseconds |
/// | INT96 (legacy Impala/Spark timestamps) | timestamp(us) |
/// | FLOAT / DOUBLE | float / double |
/// | BYTE_ARRAY STRING, UTF8, ENUM, JSON | string |
/// | FIXED_LEN_BYTE_ARRAY(2) FLOAT16 | float (exact: every half is a float) |
/// | BYTE_ARRAY (other), FIXED_LEN_BYTE_ARRAY (other, UUID) | binary |
/// | INT32 / INT64 / BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY DECIMAL(p,s) | decimal(p,s) |
///
/// Timezone-naive timestamps (isAdjustedToUTC = false) are read as their UTC-equivalent values.
struct ParquetTypeMapping {
    /// What to do with each physical value on the way into the batch.
    enum Conversion: Equatable {
        case none
        /// INT32 read as unsigned into Int64.
        case uint32ToInt64
        /// INT64 read as unsigned into a decimal(20,0) big-endian byte string.
        case uint64ToDecimal
        /// INT64 nanoseconds floored to microseconds.
        case nanosToMicros
        /// INT96 Julian-day timestamps to microseconds.
        case int96ToMicros
        /// FIXED_LEN_BYTE_ARRAY(2) IEEE half-precision floats widened to Float.
        case float16ToFloat
        /// INT32 / INT64 / byte-array decimal to the Int64 unscaled value (precision <= 18).
        case decimalToInt64
        /// Byte-array decimal kept as big-endian two's complement (precision > 18).
        case decimalBytes
        /// INT32 / INT64 decimal declared with precision > 18: to big-endian bytes.
        case integerToDecimalBytes
    }

    var type: ColumnType
    var physical: ParquetThrift.PhysicalType
    var conversion: Conversion

    init(element e: ParquetThrift.SchemaElement, column: String) throws {
        guard let raw = e.type, let physical = ParquetThrift.PhysicalType(rawValue: raw) else {
            throw FormatError.unsupported(
                "column has unknown physical type \(e.type.map(String.init) ?? "none")",
                context: FormatError.Context(column: column))
        }
        self.physical = physical
        conversion = .none
        let converted = e.convertedType.flatMap(ParquetThrift.ConvertedType.init(rawValue:))
        var decimal: (p: Int, s: Int)?
        if case .decimal(let s, let p) = e.logicalType {
            decimal = (Int(p), Int(s))
        } else if converted == .decimal {
            decimal = (Int(e.precision ?? 0), Int(e.scale ?? 0))
        }
        if let d = decimal, physical != .boolean, physical != .float, physical != .double, physical != .int96 {
            guard (1...38).contains(d.p), (0...d.p).contains(d.s) else {
                throw FormatError.unsupported(
                    "decimal(\(d.p),\(d.s)) is outside what SwiftLake supports (precision 1...38)",
                    context: FormatError.Context(column: column))
            }
            type = .decimal(precision: d.p, scale: d.s)
            switch physical {
            case .int32, .int64: conversion = d.p <= 18 ? .decimalToInt64 : .integerToDecimalBytes
            default: conversion = d.p <= 18 ? .decimalToInt64 : .decimalBytes
            }
            return
        }
        switch physical {
        case .boolean: type = .bool
        case .int32:
            if e.logicalType == .date || converted == .date {
                type = .date
            } else if case .integer(let bits, let signed) = e.logicalType, bits == 32, !signed {
                type = .int64
                conversion = .uint32ToInt64
            } else if converted == .uint32 {
                type = .int64
                conversion = .uint32ToInt64
            } else {
                type = .int32
            }
        case .int64:
            if case .timestamp(_, let unit) = e.logicalType {
                switch unit {
                case .millis: type = .timestamp(.millis)
                case .micros: type = .timestamp(.micros)
                case .nanos:
                    type = .timestamp(.micros)
                    conversion = .nanosToMicros
                }
            } else if converted == .timestampMillis {
                type = .timestamp(.millis)
            } else if converted == .timestampMicros {
                type = .timestamp(.micros)
            } else if case .integer(let bits, let signed) = e.logicalType, bits == 64, !signed {
                type = .decimal(precision: 20, scale: 0)
                conversion = .uint64ToDecimal
            } else if converted == .uint64 {
                type = .decimal(precision: 20, scale: 0)
                conversion = .uint64ToDecimal
            } else {
                type = .int64
            }
        case .int96:
            type = .timestamp(.micros)
            conversion = .int96ToMicros
        case .float: type = .float
        case .double: type = .double
        case .byteArray:
            switch e.logicalType {
            case .string, .enum, .json: type = .string
            default:
                type = (converted == .utf8 || converted == .enum || converted == .json) ? .string : .binary
            }
        case .fixedLenByteArray:
            if e.logicalType == .float16 {
                guard e.typeLength == 2 else {
                    throw FormatError.unsupported(
                        "FLOAT16 stored in \(e.typeLength ?? 0) bytes is not supported (the format requires 2)",
                        context: FormatError.Context(column: column))
                }
                type = .float
                conversion = .float16ToFloat
            } else {
                type = .binary
            }
        }
    }
}
