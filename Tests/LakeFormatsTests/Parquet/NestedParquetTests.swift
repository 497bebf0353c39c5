import Foundation
import Testing

@testable import LakeFormats

/// Nested columns (lists, structs, maps) written by SwiftLake and read by pyarrow and DuckDB,
/// and the other way round, value by value.
@Suite("Nested Parquet")
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
