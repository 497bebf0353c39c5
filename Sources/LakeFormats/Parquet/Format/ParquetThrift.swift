/// The Parquet footer and page-header structures (parquet.thrift), with their compact-protocol
/// encoders and bounds-checked decoders. Only the fields SwiftLake writes or reads are modelled;
/// unknown fields are skipped when reading. Enum-typed fields stay raw `Int32` so a file with a
/// newer enum value still decodes; the reader maps them and reports what it does not support.
enum ParquetThrift {
    /// parquet.thrift `Type`.
    enum PhysicalType: Int32 {
        case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5
        case byteArray = 6, fixedLenByteArray = 7

        var name: String {
            switch self {
            case .boolean: return "BOOLEAN"
            case .int32: return "INT32"
            case .int64: return "INT64"
            case .int96: return "INT96"
            case .float: return "FLOAT"
            case .double: return "DOUBLE"
            case .byteArray: return "BYTE_ARRAY"
            case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
            }
        }
    }

    /// parquet.thrift `Encoding`.
    enum Encoding: Int32 {
        case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
        case deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9

        static func name(_ raw: Int32) -> String {
            switch Encoding(rawValue: raw) {
            case .plain: return "PLAIN"
            case .plainDictionary: return "PLAIN_DICTIONARY"
            case .rle: return "RLE"
            case .bitPacked: return "BIT_PACKED"
            case .deltaBinaryPacked: return "DELTA_BINARY_PACKED"
            case .deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
            case .deltaByteArray: return "DELTA_BYTE_ARRAY"
            case .rleDictionary: return "RLE_DICTIONARY"
            case .byteStreamSplit: return "BYTE_STREAM_SPLIT"
            case nil: return "ENCODING_\(raw)"
            }
        }
    }

    /// parquet.thrift `CompressionCodec`.
    enum Codec: Int32 {
        case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7

        static func name(_ raw: Int32) -> String {
            switch Codec(rawValue: raw) {
            case .uncompressed: return "UNCOMPRESSED"
            case .snappy: return "SNAPPY"
            case .gzip: return "GZIP"
            case .lzo: return "LZO"
            case .brotli: return "BROTLI"
            case .lz4: return "LZ4"
            case .zstd: return "ZSTD"
            case .lz4Raw: return "LZ4_RAW"
            case nil: return "CODEC_\(raw)"
            }
        }
    }

    /// parquet.thrift `PageType`.
    enum PageType: Int32 {
        case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
    }

    /// parquet.thrift `FieldRepetitionType`.
    enum Repetition: Int32 {
        case required = 0, optional = 1, repeated = 2
    }

    /// parquet.thrift `ConvertedType` values SwiftLake writes or maps.
    enum ConvertedType: Int32 {
        case utf8 = 0, map = 1, mapKeyValue = 2, list = 3, `enum` = 4, decimal = 5, date = 6
        case timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
        case uint8 = 11, uint16 = 12, uint32 = 13, uint64 = 14
        case int8 = 15, int16 = 16, int32 = 17, int64 = 18, json = 19, bson = 20, interval = 21
    }

    /// parquet.thrift `Statistics`.
    struct Statistics: Equatable {
        var max: [UInt8]?
        var min: [UInt8]?
        var nullCount: Int64?
        var distinctCount: Int64?
        var maxValue: [UInt8]?
        var minValue: [UInt8]?

        func encode(to w: inout ThriftCompactWriter) {
            if let max { w.field(1, binary: max) }
            if let min { w.field(2, binary: min) }
            if let nullCount { w.field(3, i64: nullCount) }
            if let distinctCount { w.field(4, i64: distinctCount) }
            if let maxValue { w.field(5, binary: maxValue) }
            if let minValue { w.field(6, binary: minValue) }
        }

        init(max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil) {
            self.max = max
            self.min = min
            self.nullCount = nullCount
            self.maxValue = maxValue
            self.minValue = minValue
        }

        /// Decodes the struct body; the caller has read its field header.
        init(from r: inout ThriftCompactReader) throws {
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .binary): max = try r.readBinary()
                case (2, .binary): min = try r.readBinary()
                case (3, .i64): nullCount = try r.readI64()
                case (4, .i64): distinctCount = try r.readI64()
                case (5, .binary): maxValue = try r.readBinary()
                case (6, .binary): minValue = try r.readBinary()
                default: try r.skip(t)
                }
            }
            r.endStruct()
        }
    }

    /// parquet.thrift `TimeUnit` union.
    enum TimeUnitKind: Int16, Equatable {
        case millis = 1, micros = 2, nanos = 3
    }

    /// parquet.thrift `LogicalType` union (the members SwiftLake understands; others kept by id).
    enum LogicalType: Equatable {
        case string, map, list, `enum`, date, unknown, json, bson, uuid, float16
        case decimal(scale: Int32, precision: Int32)
        case time(utc: Bool, unit: TimeUnitKind)
        case timestamp(utc: Bool, unit: TimeUnitKind)
        case integer(bitWidth: Int8, signed: Bool)
        case other(Int16)
    }
}

extension ParquetThrift.LogicalType {
    func encode(to w: inout ThriftCompactWriter) {
        switch self {
        case .string: w.field(1, emptyStruct: ())
        case .map: w.field(2, emptyStruct: ())
        case .list: w.field(3, emptyStruct: ())
        case .enum: w.field(4, emptyStruct: ())
        case .decimal(let scale, let precision):
            w.field(5) { w in
                w.field(1, i32: scale)
                w.field(2, i32: precision)
            }
        case .date: w.field(6, emptyStruct: ())
        case .time(let utc, let unit):
            w.field(7) { w in
                w.field(1, bool: utc)
                w.field(2) { w in w.field(unit.rawValue, emptyStruct: ()) }
            }
        case .timestamp(let utc, let unit):
            w.field(8) { w in
                w.field(1, bool: utc)
                w.field(2) { w in w.field(unit.rawValue, emptyStruct: ()) }
            }
        case .integer(let bits, let signed):
            w.field(10) { w in
                w.field(1, i8: bits)
                w.field(2, bool: signed)
            }
        case .unknown: w.field(11, emptyStruct: ())
        case .json: w.field(12, emptyStruct: ())
        case .bson: w.field(13, emptyStruct: ())
        case .uuid: w.field(14, emptyStruct: ())
        case .float16: w.field(15, emptyStruct: ())
        case .other: break
        }
    }

    /// Decodes the union body; the caller has read its field header.
    init(from r: inout ThriftCompactReader) throws {
        try r.beginStruct()
        var result: Self = .other(0)
        while let (id, t) = try r.readFieldHeader() {
            guard t == .struct else {
                try r.skip(t)
                continue
            }
            switch id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enum
            case 5: result = try Self.decodeDecimal(&r)
            case 6: result = .date
            case 7, 8: result = try Self.decodeTime(&r, timestamp: id == 8)
            case 10: result = try Self.decodeInteger(&r)
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            default: result = .other(id)
            }
            switch id {
            case 5, 7, 8, 10: break
            default: try r.skip(.struct)
            }
        }
        r.endStruct()
        self = result
    }

    private static func decodeDecimal(_ r: inout ThriftCompactReader) throws -> Self {
        var scale: Int32 = 0
        var precision: Int32 = 0
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): scale = try r.readI32()
            case (2, .i32): precision = try r.readI32()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return .decimal(scale: scale, precision: precision)
    }

    private static func decodeTime(_ r: inout ThriftCompactReader, timestamp: Bool) throws -> Self {
        var utc = false
        var unit = ParquetThrift.TimeUnitKind.millis
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .boolTrue), (1, .boolFalse): utc = try r.boolValue(t)
            case (2, .struct):
                try r.beginStruct()
                while let (uid, ut) = try r.readFieldHeader() {
                    if let u = ParquetThrift.TimeUnitKind(rawValue: uid) { unit = u }
                    try r.skip(ut)
                }
                r.endStruct()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return timestamp ? .timestamp(utc: utc, unit: unit) : .time(utc: utc, unit: unit)
    }

    private static func decodeInteger(_ r: inout ThriftCompactReader) throws -> Self {
        var bits: Int8 = 32
        var signed = true
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .byte): bits = Int8(bitPattern: try r.readByte())
            case (2, .boolTrue), (2, .boolFalse): signed = try r.boolValue(t)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return .integer(bitWidth: bits, signed: signed)
    }
}
