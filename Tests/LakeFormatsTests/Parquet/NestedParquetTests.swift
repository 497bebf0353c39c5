import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// Nested columns (lists, structs, maps) written by SwiftLake and read by pyarrow and DuckDB,
/// and the other way round, value by value.
@Suite("Nested Parquet", .blocking)
struct NestedParquetTests {
    static func writeFixture(_ url: URL, codec: ParquetCompression = .snappy, dictionary: Bool = true) throws -> [RecordBatch] {
        let batches = [try NestedFixture.batch(start: 0, count: 700), try NestedFixture.batch(start: 700, count: 900)]
        var options = ParquetWriterOptions(compression: codec, rowGroupRows: 1000, pageBytes: 512)
        options.dictionary = dictionary
        let writer = try ParquetWriter(url: url, schema: NestedFixture.schema, options: options)
        for b in batches { try writer.write(b) }
        let summary = try writer.close()
        #expect(summary.rows == 1600)
        #expect(summary.rowGroups == 2)
        return batches
    }

    @Test("nested data written by SwiftLake reads back equal in pyarrow and DuckDB", arguments: [true, false])
    func writtenReadByPeers(dictionary: Bool) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("nested.parquet")
        let expected = Interop.nestedColumns(try Self.writeFixture(file, dictionary: dictionary))
        let names = NestedFixture.schema.fields.map(\.name)
        for engine in ["pyarrow", "duckdb"] {
            let out = dir.appendingPathComponent("\(engine).json").path
            try Interop.python("parquet_nested_dump.py", [engine, file.path, out])
            let json = try Interop.json(out)
            #expect(((json as? [String: Any])?["names"] as? [String]) == names, "\(engine) column names")
            let diff = Interop.difference(Interop.columns(json), expected, names: names)
            #expect(diff == nil, "\(engine): \(diff ?? "")")
        }
    }

    @Test("nested data written by SwiftLake reads back equal in SwiftLake", arguments: [ParquetCompression.none, .snappy, .zstd])
    func roundTrip(codec: ParquetCompression) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("nested.parquet")
        let batches = try Self.writeFixture(file, codec: codec)
        let reader = try ParquetReader(url: file)
        #expect(reader.schema == NestedFixture.schema)
        let read = try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }
        let diff = Interop.difference(Interop.nestedColumns(read), Interop.nestedColumns(batches), names: NestedFixture.schema.fields.map(\.name))
        #expect(diff == nil, "\(diff ?? "")")
        // One column alone (a projection) reads the same as within its row group.
        let orders = try reader.readColumn(4, rowGroup: 1)
        #expect(orders == read[1].columns[4])
    }

    @Test("nested files written by pyarrow and DuckDB read back equal, in every layout")
    func peersReadBySwiftLake() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        try Interop.python("parquet_nested_make.py", [dir.path])
        let manifest = try Interop.json(dir.appendingPathComponent("manifest.json").path) as? [String: Any] ?? [:]
        #expect(manifest.count >= 17)
        for (name, expected) in manifest.sorted(by: { $0.key < $1.key }) {
            let reader = try ParquetReader(url: dir.appendingPathComponent(name))
            let read = try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }
            let names = ((expected as? [String: Any])?["names"] as? [String]) ?? []
            #expect(reader.schema.fields.map(\.name) == names, "\(name)")
            let actual = read.isEmpty ? reader.schema.fields.map { _ in [String?]() } : Interop.nestedColumns(read)
            let diff = Interop.difference(actual, Interop.columns(expected), names: names)
            #expect(diff == nil, "\(name): \(diff ?? "")")
        }
    }

    @Test("legacy list forms: 2-level lists, repeated fields, array and _tuple groups, MAP_KEY_VALUE")
    func legacyForms() throws {
        func element(_ name: String, _ repetition: ParquetThrift.Repetition, type: ParquetThrift.PhysicalType? = nil, children: Int? = nil, converted: ParquetThrift.ConvertedType? = nil) -> ParquetThrift.SchemaElement {
            var e = ParquetThrift.SchemaElement(name: name)
            e.repetition = repetition.rawValue
            e.type = type?.rawValue
            e.numChildren = children.map(Int32.init)
            e.convertedType = converted?.rawValue
            return e
        }
        var root = ParquetThrift.SchemaElement(name: "schema")
        root.numChildren = 5
        let tree = try ParquetSchemaTree([
            root,
            // repeated int32 plain;  (a list of required int32)
            element("plain", .repeated, type: .int32),
            // optional group two (LIST) { repeated int64 element; }
            element("two", .optional, children: 1, converted: .list), element("element", .repeated, type: .int64),
            // optional group pairs (LIST) { repeated group array { optional binary x; } }  (element is the group)
            element("pairs", .optional, children: 1, converted: .list), element("array", .repeated, children: 1),
            element("x", .optional, type: .byteArray),
            // optional group legacy (LIST) { repeated group legacy_tuple { required int32 v; } }
            element("legacy", .optional, children: 1, converted: .list), element("legacy_tuple", .repeated, children: 1),
            element("v", .required, type: .int32),
            // optional group m (MAP_KEY_VALUE) { repeated group map { required int32 key; optional double value; } }
            element("m", .optional, children: 1, converted: .mapKeyValue), element("map", .repeated, children: 2),
            element("key", .required, type: .int32), element("value", .optional, type: .double),
        ])
        #expect(tree.fields.map(\.type.description) == [
            "list<int32 not null>", "list<int64 not null>", "list<struct<x:binary> not null>", "list<struct<v:int32 not null> not null>",
            "map<int32,double>",
        ])
        #expect(tree.leaves.map(\.maxDefinition) == [1, 2, 3, 2, 2, 3])
        #expect(tree.leaves.map(\.maxRepetition) == [1, 1, 1, 1, 1, 1])
        #expect(tree.fields[0].nullable == false)
    }

    @Test("the schema is laid out as pyarrow writes it")
    func schemaLayout() throws {
        let elements = ParquetWriter.schemaElements(Schema([NestedFixture.schema.fields[3], NestedFixture.schema.fields[1]]))
        #expect(elements.map(\.name) == ["schema", "attrs", "key_value", "key", "value", "tags", "list", "element"])
        #expect(elements[1].convertedType == ParquetThrift.ConvertedType.map.rawValue)
        #expect(elements[1].logicalType == .map)
        #expect(elements[2].repetition == ParquetThrift.Repetition.repeated.rawValue)
        #expect(elements[3].repetition == ParquetThrift.Repetition.required.rawValue)
        #expect(elements[5].logicalType == .list)
        let leaves = NestedLeaf.leaves(of: NestedFixture.schema.fields[4])
        #expect(leaves.map { $0.path.joined(separator: ".") } == [
            "orders.list.element.sku", "orders.list.element.qty", "orders.list.element.opts.list.element",
        ])
        #expect(leaves.map(\.maxDefinition) == [4, 3, 6])
        #expect(leaves.map(\.maxRepetition) == [1, 1, 2])
    }

    @Test("a malformed nested column is refused before anything is written")
    func malformed() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let schema = Schema([Field(name: "xs", type: .list(ColumnType.listElement(.int64)))])
        let writer = try ParquetWriter(url: dir.appendingPathComponent("bad.parquet"), schema: schema)
        let bad = Column(values: .list(offsets: [0, 3], values: Column(values: .int64([1]))))
        #expect(throws: FormatError.self) { try writer.write(RecordBatch(schema: schema, columns: [bad], rowCount: 1)) }
    }
}
