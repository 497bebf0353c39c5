extension ParquetThrift {
    /// parquet.thrift `DataPageHeader` (v1).
    struct DataPageHeader {
        var numValues: Int32 = 0
        var encoding: Int32 = 0
        var definitionLevelEncoding: Int32 = Encoding.rle.rawValue
        var repetitionLevelEncoding: Int32 = Encoding.rle.rawValue
        var statistics: Statistics?
    }

    /// parquet.thrift `DictionaryPageHeader`.
    struct DictionaryPageHeader {
        var numValues: Int32 = 0
        var encoding: Int32 = Encoding.plain.rawValue
        var isSorted: Bool?
    }

    /// parquet.thrift `DataPageHeaderV2`.
    struct DataPageHeaderV2 {
        var numValues: Int32 = 0
        var numNulls: Int32 = 0
        var numRows: Int32 = 0
        var encoding: Int32 = 0
        var definitionLevelsByteLength: Int32 = 0
        var repetitionLevelsByteLength: Int32 = 0
        var isCompressed: Bool = true
    }

    /// parquet.thrift `PageHeader`.
    struct PageHeader {
        var type: Int32 = 0
        var uncompressedPageSize: Int32 = 0
        var compressedPageSize: Int32 = 0
        var dataPage: DataPageHeader?
        var dictionaryPage: DictionaryPageHeader?
        var dataPageV2: DataPageHeaderV2?

        func encode(to w: inout ThriftCompactWriter) {
            w.field(1, i32: type)
            w.field(2, i32: uncompressedPageSize)
            w.field(3, i32: compressedPageSize)
            if let d = dataPage {
                w.field(5) { w in
                    w.field(1, i32: d.numValues)
                    w.field(2, i32: d.encoding)
                    w.field(3, i32: d.definitionLevelEncoding)
                    w.field(4, i32: d.repetitionLevelEncoding)
                    if let s = d.statistics { w.field(5) { w in s.encode(to: &w) } }
                }
            }
            if let d = dictionaryPage {
                w.field(7) { w in
                    w.field(1, i32: d.numValues)
                    w.field(2, i32: d.encoding)
                    if let sorted = d.isSorted { w.field(3, bool: sorted) }
                }
            }
            if let d = dataPageV2 {
                w.field(8) { w in
                    w.field(1, i32: d.numValues)
                    w.field(2, i32: d.numNulls)
                    w.field(3, i32: d.numRows)
                    w.field(4, i32: d.encoding)
                    w.field(5, i32: d.definitionLevelsByteLength)
                    w.field(6, i32: d.repetitionLevelsByteLength)
                    w.field(7, bool: d.isCompressed)
                }
            }
        }

        /// Serialises the header as a top-level struct.
        func serialized() -> [UInt8] {
            var w = ThriftCompactWriter(capacity: 64)
            encode(to: &w)
            w.endStruct()
            return w.bytes
        }

        init() {}

        /// Decodes a top-level page header starting at the reader's position.
        init(from r: inout ThriftCompactReader) throws {
            var seen = (type: false, uncompressed: false, compressed: false)
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): type = try r.readI32(); seen.type = true
                case (2, .i32): uncompressedPageSize = try r.readI32(); seen.uncompressed = true
                case (3, .i32): compressedPageSize = try r.readI32(); seen.compressed = true
                case (5, .struct): dataPage = try Self.decodeDataPage(&r)
                case (7, .struct): dictionaryPage = try Self.decodeDictionaryPage(&r)
                case (8, .struct): dataPageV2 = try Self.decodeDataPageV2(&r)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            guard seen.type, seen.uncompressed, seen.compressed else {
                throw r.corrupt("page header misses a required field")
            }
            guard uncompressedPageSize >= 0, compressedPageSize >= 0 else {
                throw r.corrupt("page header has a negative size")
            }
        }

        private static func decodeDataPage(_ r: inout ThriftCompactReader) throws -> DataPageHeader {
            var h = DataPageHeader()
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): h.numValues = try r.readI32()
                case (2, .i32): h.encoding = try r.readI32()
                case (3, .i32): h.definitionLevelEncoding = try r.readI32()
                case (4, .i32): h.repetitionLevelEncoding = try r.readI32()
                case (5, .struct): h.statistics = try Statistics(from: &r)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            return h
        }

        private static func decodeDictionaryPage(_ r: inout ThriftCompactReader) throws -> DictionaryPageHeader {
            var h = DictionaryPageHeader()
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): h.numValues = try r.readI32()
                case (2, .i32): h.encoding = try r.readI32()
                case (3, .boolTrue), (3, .boolFalse): h.isSorted = try r.boolValue(t)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            return h
        }

        private static func decodeDataPageV2(_ r: inout ThriftCompactReader) throws -> DataPageHeaderV2 {
            var h = DataPageHeaderV2()
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): h.numValues = try r.readI32()
                case (2, .i32): h.numNulls = try r.readI32()
                case (3, .i32): h.numRows = try r.readI32()
                case (4, .i32): h.encoding = try r.readI32()
                case (5, .i32): h.definitionLevelsByteLength = try r.readI32()
                case (6, .i32): h.repetitionLevelsByteLength = try r.readI32()
                case (7, .boolTrue), (7, .boolFalse): h.isCompressed = try r.boolValue(t)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            return h
        }
    }
}
