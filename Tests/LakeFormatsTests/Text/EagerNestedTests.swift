import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// Nested columns decoded by the JSON reader while it parses the records
/// (``EagerNestedColumns``) equal those decoded afterwards from the cells' text, whatever the
/// block size (records cut by the end of the buffer are taken back and read again), and the
/// text is checked exactly as strictly: malformed values fail with their line and column.
@Suite("Nested JSON decoded while reading")
struct EagerNestedTests {
    /// Reads `text` in batches of `schema` through the converter's batch builder, with or
    /// without decoding nested columns while reading; also counts the nested columns the
    /// reader decoded.
    static func batches(
        _ text: String, schema: Schema, blockSize: Int, batchRows: Int, eager: Bool
    ) throws -> (rows: [[Value]], eagerColumns: Int, nestedColumns: Int) {
        let d = TempDir()
        let url = d.file("in.jsonl", text)
        var options = JSONOptions(blockSize: blockSize, batchRows: batchRows)
        options.nested = .keep
        let reader = try JSONReader(url: url, options: options)
        let types = Dictionary(schema.fields.filter(\.type.isNested).map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        if eager { reader.decodeNestedWhileReading(types) }
        var builder = BatchBuilder(
            schema: schema, explicit: true, positional: false, nulls: NullTokens([], quotedCanBeNull: false), source: reader)
        var rows: [[Value]] = []
        var eagerColumns = 0
        var nestedColumns = 0
        while let grid = try reader.nextGrid() {
            // Columns with an object or array in this grid (nested columns of the schema), and
            // how many of them the reader decoded.
            for c in 0..<grid.columnCount where (0..<grid.rowCount).contains(where: { grid.kind(column: c, row: $0) == CellKind.jsonRaw }) {
                nestedColumns += 1
                if grid.eagerNested?.column(c, rows: grid.rowCount) != nil { eagerColumns += 1 }
            }
            guard case .batch(let batch) = try builder.build(grid, source: reader) else {
                Issue.record("a misfit with the explicit schema")
                break
            }
            for r in 0..<batch.rowCount { rows.append(batch.row(r)) }
        }
        return (rows, eagerColumns, nestedColumns)
    }

    static let schema: Schema = {
        let user = ColumnType.structure([
            Field(name: "name", type: .string), Field(name: "zip", type: .string), Field(name: "age", type: .int32),
            Field(name: "tags", type: .list(Field(name: "element", type: .string))),
            Field(
                name: "address",
                type: .structure([
                    Field(name: "city", type: .string),
                    Field(name: "geo", type: .structure([Field(name: "lat", type: .double), Field(name: "lon", type: .double)])),
                ])),
        ])
        let item = ColumnType.structure([
            Field(name: "sku", type: .string), Field(name: "qty", type: .int32),
            Field(name: "opts", type: .list(Field(name: "element", type: .int32))),
        ])
        return Schema([
            Field(name: "id", type: .int64), Field(name: "user", type: user),
            Field(name: "items", type: .list(Field(name: "element", type: item))),
            Field(name: "grid", type: .list(Field(name: "element", type: .list(Field(name: "element", type: .int32))))),
            Field(name: "mixed", type: .list(Field(name: "element", type: .string))),
            Field(name: "meta", type: .map(key: .string, value: Field(name: "value", type: .string))),
            Field(name: "when", type: .list(Field(name: "element", type: .timestamp(.millis)))),
            Field(name: "note", type: .string),
        ])
    }()

    @Test("equal to decoding the cells' text, with records cut by every block boundary", arguments: [256, 4096, 1 << 20])
    func sameAsFromText(blockSize: Int) throws {
        let text = NestedJSONTests.records(1500)
        let eager = try Self.batches(text, schema: Self.schema, blockSize: blockSize, batchRows: 97, eager: true)
        let fromText = try Self.batches(text, schema: Self.schema, blockSize: blockSize, batchRows: 97, eager: false)
        #expect(eager.rows.count == 1500)
        #expect(eager.rows == fromText.rows)
        // Every nested column of every grid came from the reader: a record cut by the end of
        // the buffer was taken back rather than leaving the column to the decoder.
        #expect(eager.nestedColumns > 0)
        #expect(eager.eagerColumns == eager.nestedColumns, "\(eager.eagerColumns) of \(eager.nestedColumns) nested columns decoded while reading")
        #expect(fromText.eagerColumns == 0)
    }

    @Test("a scalar, a repeated key or a misfit leaves that column of the grid to the decoder, with equal results")
    func givingUp() throws {
        var lines: [String] = []
        for i in 0..<60 {
            switch i {
            case 7: lines.append(#"{"id":7,"items":[{"sku":"a","qty":1,"opts":[1]}],"items":[{"sku":"last","qty":2,"opts":[]}]}"#)
            case 20: lines.append(#"{"id":20,"user":null,"grid":[[1],[2,3]],"meta":{"k":"v"}}"#)
            default: lines.append(#"{"id":\#(i),"user":{"name":"u\#(i)","tags":["t"]},"grid":[[\#(i)]],"meta":{}}"#)
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let eager = try Self.batches(text, schema: Self.schema, blockSize: 512, batchRows: 25, eager: true)
        let fromText = try Self.batches(text, schema: Self.schema, blockSize: 512, batchRows: 25, eager: false)
        #expect(eager.rows == fromText.rows)
        #expect(ValueFormatter.text(eager.rows[7][2]) == #"[{"sku":"last","qty":2,"opts":[]}]"#, "the last of a repeated key counts")
        #expect(eager.eagerColumns == eager.nestedColumns - 1, "only the grid with the repeated key decoded that column from its text")
    }

    /// Converts `text` (the first records fix the schema, the rest are read with it).
    static func convertError(_ text: String, name: String = "in.jsonl") -> FormatError? {
        let d = TempDir()
        let input = d.file(name, text)
        var options = ConvertOptions(inference: InferenceOptions(sampleRows: 5))
        options.json.nested = .keep
        options.json.batchRows = 4
        return formatError { _ = try FormatConverter.convert(input: input, output: d.path("out.parquet"), options: options) }
    }

    static let good = (0..<8).map { #"{"id":\#($0),"v":{"a":[1,2],"s":"x"}}"# }.joined(separator: "\n") + "\n"

    @Test("malformed nested values after the sample fail with their line and column", arguments: [
        (#"{"id":9,"v":{"a":[1,01],"s":"x"}}"#, "leading zero", 21),
        (#"{"id":9,"v":{"a":[1,2,],"s":"x"}}"#, "invalid value", 23),
        ("{\"id\":9,\"v\":{\"a\":[1],\"s\":\"x\u{01}\"}}", "U+0001", 28),
        (#"{"id":9,"v":{"a":[1],"s":"\q"}}"#, "invalid escape", 27),
        (#"{"id":9,"v":{"a":[1.],"s":"x"}}"#, "invalid number", 19),
        (#"{"id":9,"v":{"a":[1],"s":"x"},}"#, "expected a key", 31),
    ])
    func malformed(record: String, message: String, column: Int) throws {
        let error = Self.convertError(Self.good + record + "\n")
        #expect(error?.code == .syntax, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.message.contains("line 9, column \(column)") == true, "\(String(describing: error))")
    }

    @Test("line feeds inside nested values decoded while reading still count toward error lines")
    func linesInsideNestedValues() throws {
        let pretty = (0..<8).map { "  {\"id\": \($0),\n   \"v\": {\"a\": [1,\n 2],\n \"s\": \"x\"}}" }.joined(separator: ",\n")
        let text = "[\n" + pretty + ",\n  {\"id\": 8, \"v\": {\"a\": [1], \"s\": \"x\"}, \"w\": tru}\n]\n"
        let error = Self.convertError(text, name: "in.json")
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("tru}") }.map { $0 + 1 }
        #expect(error?.code == .syntax, "\(String(describing: error))")
        #expect(error?.context.line == expectedLine, "\(String(describing: error))")
    }
}
