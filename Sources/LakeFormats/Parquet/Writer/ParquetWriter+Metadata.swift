import Foundation

extension ParquetWriter {
    /// The JSON stored under `swiftlake.schema`: `{"fields":[{"name","type","nullable"}]}`.
    static func schemaJSON(_ schema: Schema) -> String {
        struct FieldJSON: Encodable {
            var name: String
            var type: String
            var nullable: Bool
        }
        struct SchemaJSON: Encodable { var fields: [FieldJSON] }
        let doc = SchemaJSON(fields: schema.fields.map { FieldJSON(name: $0.name, type: $0.type.description, nullable: $0.nullable) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(doc) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The Parquet schema: a root group, then each field depth-first (a flat field is one
    /// leaf; nested fields are groups laid out as ``NestedSchemaElements`` describes).
    static func schemaElements(_ schema: Schema) -> [ParquetThrift.SchemaElement] {
        var root = ParquetThrift.SchemaElement(name: "schema")
        root.numChildren = Int32(schema.fields.count)
        var out = [root]
        for f in schema.fields { NestedSchemaElements.append(f, into: &out) }
        return out
    }

    /// Checks every decimal in `type` (nested ones too) has a precision and scale Parquet allows.
    static func checkType(_ type: ColumnType, column: String, context: FormatError.Context) throws {
        switch type {
        case .decimal(let p, let s) where !(1...38).contains(p) || !(0...p).contains(s):
            throw FormatError.invalidArgument(
                "decimal(\(p),\(s)) is outside precision 1...38, scale 0...precision",
                context: context.merged(with: FormatError.Context(column: column)))
        case .list(let element): try checkType(element.type, column: column, context: context)
        case .map(let key, let value):
            guard !key.isNested else {
                throw FormatError.invalidArgument(
                    "map keys must be scalars, not \(key)", context: context.merged(with: FormatError.Context(column: column)))
            }
            try checkType(key, column: column, context: context)
            try checkType(value.type, column: column, context: context)
        case .structure(let fields):
            guard !fields.isEmpty else {
                throw FormatError.invalidArgument(
                    "a struct needs at least one field (Parquet has no empty groups)",
                    context: context.merged(with: FormatError.Context(column: column)))
            }
            for f in fields { try checkType(f.type, column: column, context: context) }
        default: return
        }
    }

    func footerMetadata() -> ParquetThrift.FileMetaData {
        var meta = ParquetThrift.FileMetaData()
        meta.version = 1
        meta.schema = Self.schemaElements(schema)
        meta.numRows = totalRows
        meta.rowGroups = rowGroups
        var kv = [ParquetThrift.KeyValue(key: "swiftlake.schema", value: Self.schemaJSON(schema))]
        for (k, v) in options.keyValueMetadata.sorted(by: { $0.key < $1.key }) where k != "swiftlake.schema" {
            kv.append(ParquetThrift.KeyValue(key: k, value: v))
        }
        meta.keyValueMetadata = kv
        meta.createdBy = options.createdBy
        meta.columnOrders = Array(repeating: 1, count: columnCount)
        return meta
    }

    /// Checks a batch against the schema before any of it is encoded, so a bad batch leaves
    /// the file untouched.
    func validate(_ batch: RecordBatch) throws {
        let ctx = FormatError.Context(path: url.path)
        guard batch.columns.count == schema.fields.count else {
            throw FormatError(
                .schemaMismatch, "batch has \(batch.columns.count) columns, the file's schema \(schema.fields.count)",
                context: ctx)
        }
        guard batch.rowCount >= 0 else { throw FormatError.invalidArgument("negative row count", context: ctx) }
        for (i, field) in schema.fields.enumerated() {
            let column = batch.columns[i]
            let cctx = ctx.merged(with: FormatError.Context(column: field.name))
            if i < batch.schema.fields.count {
                let given = batch.schema.fields[i]
                guard given.name == field.name, given.type == field.type else {
                    throw FormatError(
                        .schemaMismatch,
                        "batch column \(i) is \(given.name): \(given.type), the file expects \(field.name): \(field.type)",
                        context: cctx)
                }
            }
            guard column.count == batch.rowCount else {
                throw FormatError(
                    .schemaMismatch, "column has \(column.count) values for \(batch.rowCount) rows", context: cctx)
            }
            if let validity = column.validity {
                guard validity.count == batch.rowCount else {
                    throw FormatError(.schemaMismatch, "validity mask has \(validity.count) entries for \(batch.rowCount) rows", context: cctx)
                }
                if !field.nullable && validity.contains(false) {
                    throw FormatError(.schemaMismatch, "non-nullable column holds nulls", context: cctx)
                }
            }
            if field.type.isNested {
                try NestedColumnCheck.check(column, field.type, path: field.name)
                continue
            }
            guard Self.storageMatches(column.values, field.type) else {
                throw FormatError(.schemaMismatch, "column storage does not match type \(field.type)", context: cctx)
            }
            if case .bytes(let b) = column.values { try Self.checkOffsets(b, context: cctx) }
        }
    }

    static func storageMatches(_ values: ColumnValues, _ type: ColumnType) -> Bool {
        switch (values, type) {
        case (.bool, .bool), (.int32, .int32), (.int64, .int64), (.float, .float), (.double, .double),
            (.bytes, .string), (.bytes, .binary), (.int32, .date), (.int64, .timestamp):
            return true
        case (.int32, .decimal(let p, _)), (.int64, .decimal(let p, _)): return p <= 18
        case (.bytes, .decimal(let p, _)): return p > 18
        default: return false
        }
    }

    /// Byte-array offsets must start at 0 or more, never decrease and stay inside the bytes.
    static func checkOffsets(_ b: ByteArrayColumn, context: FormatError.Context) throws {
        let ok = b.offsets.withUnsafeBufferPointer { o -> Bool in
            guard let first = o.first, first >= 0, let last = o.last, Int(last) <= b.bytes.count else { return false }
            var prev = first
            for v in o {
                if v < prev { return false }
                prev = v
            }
            return true
        }
        guard ok else {
            throw FormatError.invalidArgument("byte-array column has invalid offsets", context: context)
        }
    }
}
