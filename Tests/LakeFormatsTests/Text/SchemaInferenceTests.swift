import Foundation
import Testing

@testable import LakeFormats

@Suite("Schema inference")
struct SchemaInferenceTests {
    func types(_ csv: String, _ options: InferenceOptions = InferenceOptions()) throws -> [ColumnType] {
        let d = TempDir()
        return try SchemaInference.infer(url: d.file("s.csv", csv), options: options).schema.fields.map(\.type)
    }

    @Test("each type")
    func eachType() throws {
        let csv = """
            b,i,l,d,dt,ts,tsu,s
            true,1,3000000000,1.5,2026-11-22,2026-11-22T07:00:00Z,2026-11-22 07:00:00.123456+02:00,x
            FALSE,-2,1,1e3,2026-01-01,2026-11-22T07:00:00.5,2026-11-22T07:00:00,12
            """
        #expect(try types(csv) == [.bool, .int32, .int64, .double, .date, .timestamp(.millis), .timestamp(.micros), .string])
    }

    @Test("widening sequences", arguments: [
        ("1\n2\n3000000000\n", ColumnType.int64),
        ("1\n2.5\n", .double),
        ("1\n2.5\nabc\n", .string),
        ("2026-01-01\n2026-01-01T10:00:00\n", .timestamp(.millis)),
        ("true\n1\n", .string),
        ("2026-01-01\n5\n", .string),
    ])
    func widening(_ values: String, _ expected: ColumnType) throws {
        #expect(try types("v\n" + values) == [expected])
    }

    @Test("null tokens are configurable; all-null columns are strings")
    func nullTokens() throws {
        #expect(try types("a,b\n1,\nNA,\nnull,\n2,\n") == [.int32, .string])
        #expect(try types("a\n1\n-\n", InferenceOptions(nullTokens: ["-"])) == [.int32])
        #expect(try types("a\n1\nNA\n", InferenceOptions(nullTokens: [""])) == [.string])
    }

    @Test("decimal and epoch millis are opt-in")
    func optIn() throws {
        #expect(try types("a\n1.50\n-22.125\n7\n") == [.double])
        #expect(try types("a\n1.50\n-22.125\n7\n", InferenceOptions(inferDecimal: true)) == [.decimal(precision: 5, scale: 3)])
        #expect(try types("a\n1700000000000\n1700000000001\n") == [.int64])
        #expect(try types("a\n1700000000000\n", InferenceOptions(epochMillisAsTimestamp: true)) == [.timestamp(.millis)])
    }

    @Test("JSON: numbers, strings and bools keep their JSON kind")
    func json() throws {
        let d = TempDir()
        let u = d.file("j.jsonl", "{\"i\":1,\"s\":\"1\",\"b\":true,\"t\":\"2026-11-22T07:00:00Z\",\"o\":{\"x\":1.5},\"a\":[1]}\n")
        let s = try SchemaInference.infer(url: u).schema
        #expect(s.fields.map(\.name) == ["i", "s", "b", "t", "o.x", "a"])
        #expect(s.fields.map(\.type) == [.int32, .string, .bool, .timestamp(.millis), .double, .string])
    }

    @Test("the sample bounds what is read")
    func sample() throws {
        let csv = "a\n" + (0..<50).map { "\($0)\n" }.joined() + "x\n"
        #expect(try types(csv, InferenceOptions(sampleRows: 50)) == [.int32])
        #expect(try types(csv, InferenceOptions(sampleRows: 51)) == [.string])
    }

    @Test("schema file: JSON columns, unknown keys rejected, name:type pairs")
    func schemaFile() throws {
        let s = try SchemaFile.parse(Data(#"{"columns":[{"name":"id","type":"bigint","nullable":false},{"name":"p","type":"decimal(12,2)"}]}"#.utf8))
        #expect(s == Schema([Field(name: "id", type: .int64, nullable: false), Field(name: "p", type: .decimal(precision: 12, scale: 2))]))
        #expect(throws: FormatError.self) { _ = try SchemaFile.parse(Data(#"{"columns":[{"name":"id","typ":"int64"}]}"#.utf8)) }
        #expect(throws: FormatError.self) { _ = try SchemaFile.parse(Data(#"{"columns":[{"name":"id","type":"int99"}]}"#.utf8)) }
        #expect(try SchemaFile.parse(pairs: ["id:int64", "t:timestamp[us]"]).fields.map(\.type) == [.int64, .timestamp(.micros)])
    }

    @Test("rendered schema files parse back to the same schema")
    func renderRoundTrip() throws {
        let s = Schema([
            Field(name: "id", type: .int64, nullable: false), Field(name: "na\"me", type: .string),
            Field(name: "t", type: .timestamp(.micros)), Field(name: "d", type: .decimal(precision: 20, scale: 4)),
        ])
        #expect(try SchemaFile.parse(Data(SchemaFile.render(s).utf8)) == s)
    }
}
