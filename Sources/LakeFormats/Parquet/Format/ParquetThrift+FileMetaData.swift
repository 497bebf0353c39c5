extension ParquetThrift {
    /// parquet.thrift `ColumnMetaData`.
    struct ColumnMetaData {
        var type: Int32 = 0
        var encodings: [Int32] = []
        var pathInSchema: [String] = []
        var codec: Int32 = 0
        var numValues: Int64 = 0
        var totalUncompressedSize: Int64 = 0
        var totalCompressedSize: Int64 = 0
        var dataPageOffset: Int64 = 0
        var indexPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: Statistics?

        func encode(to w: inout ThriftCompactWriter) {
            w.field(1, i32: type)
            w.field(2, i32List: encodings)
            w.field(3, stringList: pathInSchema)
            w.field(4, i32: codec)
            w.field(5, i64: numValues)
            w.field(6, i64: totalUncompressedSize)
            w.field(7, i64: totalCompressedSize)
            w.field(9, i64: dataPageOffset)
            if let indexPageOffset { w.field(10, i64: indexPageOffset) }
            if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
            if let statistics { w.field(12) { w in statistics.encode(to: &w) } }
        }

        init() {}

        init(from r: inout ThriftCompactReader) throws {
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): type = try r.readI32()
                case (2, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .i32 else { throw r.corrupt("encodings list of wrong type") }
                    encodings = []
                    for _ in 0..<n { encodings.append(try r.readI32()) }
                case (3, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .binary else { throw r.corrupt("path_in_schema list of wrong type") }
                    pathInSchema = []
                    for _ in 0..<n { pathInSchema.append(try r.readString()) }
                case (4, .i32): codec = try r.readI32()
                case (5, .i64): numValues = try r.readI64()
                case (6, .i64): totalUncompressedSize = try r.readI64()
                case (7, .i64): totalCompressedSize = try r.readI64()
                case (9, .i64): dataPageOffset = try r.readI64()
                case (10, .i64): indexPageOffset = try r.readI64()
                case (11, .i64): dictionaryPageOffset = try r.readI64()
                case (12, .struct): statistics = try Statistics(from: &r)
                default: try r.skip(t)
                }
            }
            r.endStruct()
        }
    }

    /// parquet.thrift `ColumnChunk`.
    struct ColumnChunk {
        var filePath: String?
        var fileOffset: Int64 = 0
        var metaData: ColumnMetaData?
        /// Whether the chunk carries crypto metadata or encrypted column metadata (read only).
        var encrypted = false

        func encode(to w: inout ThriftCompactWriter) {
            if let filePath { w.field(1, string: filePath) }
            w.field(2, i64: fileOffset)
            if let metaData { w.field(3) { w in metaData.encode(to: &w) } }
        }

        init(fileOffset: Int64, metaData: ColumnMetaData) {
            self.fileOffset = fileOffset
            self.metaData = metaData
        }

        init(from r: inout ThriftCompactReader) throws {
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .binary): filePath = try r.readString()
                case (2, .i64): fileOffset = try r.readI64()
                case (3, .struct): metaData = try ColumnMetaData(from: &r)
                case (8, .struct), (9, .binary):
                    encrypted = true
                    try r.skip(t)
                default: try r.skip(t)
                }
            }
            r.endStruct()
        }
    }

    /// parquet.thrift `RowGroup`.
    struct RowGroup {
        var columns: [ColumnChunk] = []
        var totalByteSize: Int64 = 0
        var numRows: Int64 = 0
        var fileOffset: Int64?
        var totalCompressedSize: Int64?
        var ordinal: Int16?

        func encode(to w: inout ThriftCompactWriter) {
            w.field(1, structList: columns) { w, c in c.encode(to: &w) }
            w.field(2, i64: totalByteSize)
            w.field(3, i64: numRows)
            if let fileOffset { w.field(5, i64: fileOffset) }
            if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
            if let ordinal {
                w.fieldHeader(7, .i16)
                w.writeVarint(w.zigzag(Int64(ordinal)))
            }
        }

        init() {}

        init(from r: inout ThriftCompactReader) throws {
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .struct else { throw r.corrupt("row group columns of wrong type") }
                    for _ in 0..<n { columns.append(try ColumnChunk(from: &r)) }
                case (2, .i64): totalByteSize = try r.readI64()
                case (3, .i64): numRows = try r.readI64()
                case (5, .i64): fileOffset = try r.readI64()
                case (6, .i64): totalCompressedSize = try r.readI64()
                default: try r.skip(t)
                }
            }
            r.endStruct()
        }
    }

    /// parquet.thrift `FileMetaData`.
    struct FileMetaData {
        var version: Int32 = 1
        var schema: [SchemaElement] = []
        var numRows: Int64 = 0
        var rowGroups: [RowGroup] = []
        var keyValueMetadata: [KeyValue]?
        var createdBy: String?
        /// One entry per leaf: the ColumnOrder union member id (1 = TypeDefinedOrder).
        var columnOrders: [Int16]?
        /// Whether the footer names an encryption algorithm (plaintext-footer encryption; read only).
        var encrypted = false

        init() {}

        func serialized() -> [UInt8] {
            var w = ThriftCompactWriter(capacity: 4096)
            w.field(1, i32: version)
            w.field(2, structList: schema) { w, e in e.encode(to: &w) }
            w.field(3, i64: numRows)
            w.field(4, structList: rowGroups) { w, g in g.encode(to: &w) }
            if let keyValueMetadata {
                w.field(5, structList: keyValueMetadata) { w, kv in kv.encode(to: &w) }
            }
            if let createdBy { w.field(6, string: createdBy) }
            if let columnOrders {
                w.field(7, structList: columnOrders) { w, order in w.field(order, emptyStruct: ()) }
            }
            w.endStruct()
            return w.bytes
        }

        init(from r: inout ThriftCompactReader) throws {
            var seen = (version: false, schema: false, numRows: false, rowGroups: false)
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): version = try r.readI32(); seen.version = true
                case (2, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .struct else { throw r.corrupt("schema list of wrong type") }
                    for _ in 0..<n { schema.append(try SchemaElement(from: &r)) }
                    seen.schema = true
                case (3, .i64): numRows = try r.readI64(); seen.numRows = true
                case (4, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .struct else { throw r.corrupt("row group list of wrong type") }
                    for _ in 0..<n { rowGroups.append(try RowGroup(from: &r)) }
                    seen.rowGroups = true
                case (5, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .struct else { throw r.corrupt("key-value list of wrong type") }
                    var kvs: [KeyValue] = []
                    for _ in 0..<n { kvs.append(try KeyValue(from: &r)) }
                    keyValueMetadata = kvs
                case (6, .binary): createdBy = try r.readString()
                case (7, .list):
                    let (et, n) = try r.readListHeader()
                    guard et == .struct else { throw r.corrupt("column orders of wrong type") }
                    var orders: [Int16] = []
                    for _ in 0..<n {
                        try r.beginStruct()
                        var member: Int16 = 0
                        while let (oid, ot) = try r.readFieldHeader() {
                            member = oid
                            try r.skip(ot)
                        }
                        r.endStruct()
                        orders.append(member)
                    }
                    columnOrders = orders
                case (8, .struct):
                    encrypted = true
                    try r.skip(t)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            guard seen.version, seen.schema, seen.numRows, seen.rowGroups else {
                throw r.corrupt("file metadata misses a required field (version, schema, num_rows or row_groups)")
            }
        }
    }
}
