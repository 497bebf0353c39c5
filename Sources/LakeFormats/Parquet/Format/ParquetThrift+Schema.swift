extension ParquetThrift {
    /// parquet.thrift `SchemaElement`.
    struct SchemaElement {
        var type: Int32?
        var typeLength: Int32?
        var repetition: Int32?
        var name: String = ""
        var numChildren: Int32?
        var convertedType: Int32?
        var scale: Int32?
        var precision: Int32?
        var fieldID: Int32?
        var logicalType: LogicalType?

        init(name: String) { self.name = name }

        func encode(to w: inout ThriftCompactWriter) {
            if let type { w.field(1, i32: type) }
            if let typeLength { w.field(2, i32: typeLength) }
            if let repetition { w.field(3, i32: repetition) }
            w.field(4, string: name)
            if let numChildren { w.field(5, i32: numChildren) }
            if let convertedType { w.field(6, i32: convertedType) }
            if let scale { w.field(7, i32: scale) }
            if let precision { w.field(8, i32: precision) }
            if let fieldID { w.field(9, i32: fieldID) }
            if let logicalType, logicalType != .other(0) {
                w.field(10) { w in logicalType.encode(to: &w) }
            }
        }

        init(from r: inout ThriftCompactReader) throws {
            try r.beginStruct()
            var hasName = false
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .i32): type = try r.readI32()
                case (2, .i32): typeLength = try r.readI32()
                case (3, .i32): repetition = try r.readI32()
                case (4, .binary): name = try r.readString(); hasName = true
                case (5, .i32): numChildren = try r.readI32()
                case (6, .i32): convertedType = try r.readI32()
                case (7, .i32): scale = try r.readI32()
                case (8, .i32): precision = try r.readI32()
                case (9, .i32): fieldID = try r.readI32()
                case (10, .struct): logicalType = try LogicalType(from: &r)
                default: try r.skip(t)
                }
            }
            r.endStruct()
            guard hasName else { throw r.corrupt("schema element without a name") }
        }
    }

    /// parquet.thrift `KeyValue`.
    struct KeyValue: Equatable {
        var key: String
        var value: String?

        func encode(to w: inout ThriftCompactWriter) {
            w.field(1, string: key)
            if let value { w.field(2, string: value) }
        }

        init(key: String, value: String?) {
            self.key = key
            self.value = value
        }

        init(from r: inout ThriftCompactReader) throws {
            key = ""
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                switch (id, t) {
                case (1, .binary): key = try r.readString()
                case (2, .binary): value = try r.readString()
                default: try r.skip(t)
                }
            }
            r.endStruct()
        }
    }
}
