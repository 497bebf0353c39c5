/// How a SwiftLake ``ColumnType`` is stored in Parquet: physical type, fixed length, logical
/// type and the legacy converted type (DESIGN §5).
///
/// | ColumnType | physical | logical / converted |
/// |---|---|---|
/// | bool | BOOLEAN | – |
/// | int32 | INT32 | – |
/// | int64 | INT64 | – |
/// | float / double | FLOAT / DOUBLE | – |
/// | string | BYTE_ARRAY | STRING / UTF8 |
/// | binary | BYTE_ARRAY | – |
/// | date | INT32 | DATE / DATE |
/// | timestamp(ms/us) | INT64 | TIMESTAMP(UTC, unit) / TIMESTAMP_MILLIS, TIMESTAMP_MICROS |
/// | decimal(p<=9,s) | INT32 | DECIMAL(s,p) / DECIMAL |
/// | decimal(p<=18,s) | INT64 | DECIMAL(s,p) / DECIMAL |
/// | decimal(p>18,s) | FIXED_LEN_BYTE_ARRAY(n) | DECIMAL(s,p) / DECIMAL |
struct ParquetColumnMapping: Equatable {
    var physical: ParquetThrift.PhysicalType
    var typeLength: Int32?
    var logical: ParquetThrift.LogicalType?
    var converted: ParquetThrift.ConvertedType?

    init(
        physical: ParquetThrift.PhysicalType, typeLength: Int32? = nil,
        logical: ParquetThrift.LogicalType? = nil, converted: ParquetThrift.ConvertedType? = nil
    ) {
        self.physical = physical
        self.typeLength = typeLength
        self.logical = logical
        self.converted = converted
    }

    /// The storage of `type` when SwiftLake writes it. Nested types are groups, stored by their
    /// leaves (``NestedSchema``); they get a placeholder here.
    init(writing type: ColumnType) {
        switch type {
        case .list, .structure, .map: self.init(physical: .byteArray)
        case .bool: self.init(physical: .boolean)
        case .int32: self.init(physical: .int32)
        case .int64: self.init(physical: .int64)
        case .float: self.init(physical: .float)
        case .double: self.init(physical: .double)
        case .string: self.init(physical: .byteArray, logical: .string, converted: .utf8)
        case .binary: self.init(physical: .byteArray)
        case .date: self.init(physical: .int32, logical: .date, converted: .date)
        case .timestamp(let unit):
            self.init(
                physical: .int64,
                logical: .timestamp(utc: true, unit: unit == .millis ? .millis : .micros),
                converted: unit == .millis ? .timestampMillis : .timestampMicros)
        case .decimal(let p, let s):
            let logical = ParquetThrift.LogicalType.decimal(scale: Int32(s), precision: Int32(p))
            if p <= 9 {
                self.init(physical: .int32, logical: logical, converted: .decimal)
            } else if p <= 18 {
                self.init(physical: .int64, logical: logical, converted: .decimal)
            } else {
                self.init(
                    physical: .fixedLenByteArray, typeLength: Int32(Self.decimalByteWidth(precision: p)),
                    logical: logical, converted: .decimal)
            }
        }
    }

    /// The fewest bytes whose signed two's-complement range holds every `precision`-digit value.
    static func decimalByteWidth(precision: Int) -> Int {
        // 10^p - 1 < 2^(8n-1)  <=>  n > (p * log2(10) + 1) / 8
        let bits = Double(precision) * 3.321928094887362 + 1
        return Int((bits / 8).rounded(.up))
    }
}
