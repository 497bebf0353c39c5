import Foundation
import LakeFormats
import Testing

@Suite("Renderers")
struct RenderTests {
    @Test("row JSON renders every value kind")
    func rowJSON() throws {
        let schema = Schema([
            Field(name: "a\"b", type: .string), Field(name: "f", type: .double), Field(name: "g", type: .float),
            Field(name: "t", type: .timestamp(.millis)), Field(name: "u", type: .timestamp(.micros)),
            Field(name: "d", type: .date), Field(name: "m", type: .decimal(precision: 10, scale: 3)),
            Field(name: "bin", type: .binary), Field(name: "n", type: .int64), Field(name: "z", type: .bool),
        ])
        let renderer = RowJSONRenderer(schema: schema)
        let line = renderer.render([
            .string("x\n\u{01}é🚀\\\""), .double(.nan), .float(-.infinity), .timestamp(-1, .millis),
            .timestamp(1_700_000_000_123_456, .micros), .date(-1), .decimal(unscaled: "-5", scale: 3),
            .binary([0, 255]), .null, .bool(true),
        ])
        #expect(line == #"{"a\"b":"x\n\u0001é🚀\\\"","f":"NaN","g":"-Infinity","t":"1969-12-31T23:59:59.999Z","u":"2023-11-14T22:13:20.123456Z","d":"1969-12-31","m":"-0.005","bin":"AP8=","n":null,"z":true}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(parsed?["a\"b"] as? String == "x\n\u{01}é🚀\\\"")
        #expect(RowJSONRenderer(schema: Schema([Field(name: "x", type: .double)])).render([.double(0.1)]) == #"{"x":0.1}"#)
    }

    @Test("every row of the all-types table renders as one valid JSON object")
    func allTypesLines() throws {
        let batch = AllTypesFixture.batch(start: 0, count: 300)
        let text = RowJSONRenderer(schema: batch.schema).render(batch)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 301 && lines.last == "")
        for line in lines.dropLast() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?.count == batch.schema.fields.count)
        }
    }

    @Test("value formatter handles dates and decimals at the edges")
    func formatter() {
        #expect(ValueFormatter.dateText(days: 0) == "1970-01-01")
        #expect(ValueFormatter.dateText(days: -719_162) == "0001-01-01")
        #expect(ValueFormatter.dateText(days: 19_782) == "2024-02-29")
        #expect(ValueFormatter.timestampText(-62_135_596_800_000, .millis) == "0001-01-01T00:00:00.000Z")
        #expect(ValueFormatter.timestampText(-1, .micros) == "1969-12-31T23:59:59.999999Z")
        for extreme in [Int64.min, Int64.max] {
            #expect(!ValueFormatter.timestampText(extreme, .millis).isEmpty)
            #expect(!ValueFormatter.timestampText(extreme, .micros).isEmpty)
        }
        #expect(ValueFormatter.timestampText(Int64.max, .micros) == "294247-01-10T04:00:54.775807Z")
        #expect(ValueFormatter.dateText(days: Int64(Int32.min)).hasPrefix("-"))
        #expect(ValueFormatter.text(.decimal(unscaled: "12345", scale: 2)) == "123.45")
        #expect(ValueFormatter.text(.decimal(unscaled: "7", scale: 0)) == "7")
        #expect(ValueFormatter.text(.decimal(unscaled: "-99999999999999999999999999999999999999", scale: 38))
            == "-0.99999999999999999999999999999999999999")
    }

    @Test("metadata renders as text and JSON")
    func metadata() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("m.parquet")
        let writer = try ParquetWriter(url: file, schema: AllTypesFixture.schema)
        try writer.write(AllTypesFixture.batch(start: 0, count: 50))
        _ = try writer.close()
        let meta = try ParquetReader(url: file).metadata
        let text = ParquetMetadataRenderer.text(meta, path: file.path)
        #expect(text.contains("rows:        50"))
        #expect(text.contains("dec38     decimal(38,0)  [FIXED_LEN_BYTE_ARRAY DECIMAL(precision=38, scale=0), OPTIONAL]"))
        #expect(text.contains("min \"-99999999999999999999999999999999999999\""))
        let json = try ParquetMetadataRenderer.json(meta)
        let back = try JSONDecoder().decode(ParquetMetadata.self, from: Data(json.utf8))
        #expect(back.numRows == 50)
        #expect(back.rowGroups[0].columns[9].statistics?.min == "0001-01-01T00:00:00.000Z")
    }
}
