import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// `nested: keep`: JSON objects and arrays become struct, list and map columns whose types are
/// inferred from the merged shapes of the values, written to Parquet and read back equal to the
/// source records by pyarrow and DuckDB.
@Suite("Nested JSON", .blocking)
struct NestedJSONTests {
    /// Records with nested objects, arrays of objects, arrays of arrays, mixed lists, keys that
    /// come and go, empty objects, nulls at every level and text that only looks numeric.
    static func records(_ count: Int, extraKeyAt: Int? = nil) -> String {
        var out = ""
        for i in 0..<count {
            var user = #""name":"u\#(i)","zip":"0\#(i % 9)123","age":\#(20 + i % 50)"#
            if i % 3 == 0 { user += #","tags":["a\#(i % 4)","b"]"# }
            if i % 4 == 1 { user += #","address":{"city":"C\#(i % 5)","geo":{"lat":\#(Double(i) / 8),"lon":-1.5}}"# }
            if i == extraKeyAt { user += #","late":{"x":true}"# }
            let items = (0..<(i % 3)).map { k in #"{"sku":"s\#(k)","qty":\#(k),"opts":[\#(k),\#(k + 1)]}"# }.joined(separator: ",")
            let grid = i % 5 == 0 ? "null" : "[[1,2],[],[\(i)]]"
            let mixed = i % 2 == 0 ? #"[1,"two",false]"# : "[]"
            let when = #""2026-01-\#(String(format: "%02d", i % 28 + 1))T10:00:00Z""#
            out += #"{"id":\#(i),"user":\#(i % 7 == 6 ? "null" : "{\(user)}"),"items":[\#(items)],"grid":\#(grid),"#
            out += #""mixed":\#(mixed),"meta":{},"when":[\#(when)],"note":"n\#(i)"}"# + "\n"
        }
        return out
    }

    static func convert(_ text: String, sampleRows: Int = 10_000) throws -> (URL, URL, ConversionSummary, TempDir) {
        let d = TempDir()
        let input = d.file("in.jsonl", text)
        let output = d.path("out.parquet")
        var options = ConvertOptions(inference: InferenceOptions(sampleRows: sampleRows))
        options.json.nested = .keep
        options.json.batchRows = 300
        let summary = try FormatConverter.convert(input: input, output: output, options: options)
        return (input, output, summary, d)
    }

    @Test("nested JSON reads back equal to the source records in pyarrow and DuckDB")
    func roundTrip() throws {
        let (input, output, summary, d) = try Self.convert(Self.records(2000))
        _ = d
        #expect(summary.rows == 2000)
        let types = Dictionary(uniqueKeysWithValues: summary.schema.fields.map { ($0.name, $0.type.description) })
        #expect(types["user"] == "struct<name:string,zip:string,age:int32,tags:list<string>,address:struct<city:string,geo:struct<lat:double,lon:double>>>")
        #expect(types["items"] == "list<struct<sku:string,qty:int32,opts:list<int32>>>")
        #expect(types["grid"] == "list<list<int32>>")
        #expect(types["mixed"] == "list<string>", "a list of mixed scalars is a list of strings")
        #expect(types["meta"] == "map<string,string>", "an always-empty object is a map")
        #expect(types["when"] == "list<timestamp[ms]>")
        for engine in ["pyarrow", "duckdb"] {
            let out = try Subprocess.output(["python3", Interop.script("nested_json_check.py"), engine, input.path, output.path])
            let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            #expect((json?["count"] as? Int) == 0, "\(engine): \(json?["problems"] ?? out)")
        }
        // Our own reader agrees on a few cells.
        let reader = try ParquetReader(url: output)
        let row = try reader.readRowGroup(0).row(1)
        #expect(ValueFormatter.text(row[1]) == #"{"name":"u1","zip":"01123","age":21,"tags":null,"address":{"city":"C1","geo":{"lat":0.125,"lon":-1.5}}}"#)
        #expect(ValueFormatter.text(row[4]) == #"[]"#)
    }

    @Test("a key first seen after the sample widens the struct and rewrites once")
    func wideningAfterSample() throws {
        let (input, output, summary, d) = try Self.convert(Self.records(900, extraKeyAt: 700), sampleRows: 50)
        _ = d
        #expect(summary.passes == 2)
        #expect(summary.widenings.map(\.column) == ["user"])
        #expect(summary.schema.fields[1].type.description.hasSuffix(",late:struct<x:bool>>"))
        let out = try Subprocess.output(["python3", Interop.script("nested_json_check.py"), "pyarrow", input.path, output.path])
        #expect(out.contains(#""count": 0"#), "\(out)")
    }

    @Test("a misfit while later batches are already read widens from every record after it, read by either thread")
    func wideningWhileReadingAhead() throws {
        // Batches of 300 rows: the misfit is in the second batch while the reading thread is
        // ahead; the last record's new key is only seen once that thread has handed the input
        // back. Both must be in the one rewrite, as in a conversion on one thread.
        let text = Self.records(6000, extraKeyAt: 400) + #"{"id":6000,"tail":{"z":1.5}}"# + "\n"
        let (input, output, summary, d) = try Self.convert(text, sampleRows: 50)
        _ = d
        #expect(summary.rows == 6001)
        #expect(summary.passes == 2)
        #expect(Set(summary.widenings.map(\.column)) == ["user", "tail"])
        var serial = ConvertOptions(inference: InferenceOptions(sampleRows: 50), parallel: false)
        serial.json.nested = .keep
        serial.json.batchRows = 300
        let alone = try FormatConverter.convert(input: input, output: d.path("serial.parquet"), options: serial)
        #expect(alone.schema == summary.schema)
        let out = try Subprocess.output(["python3", Interop.script("nested_json_check.py"), "pyarrow", input.path, output.path])
        #expect(out.contains(#""count": 0"#), "\(out)")
    }

    @Test("large slices shred their nested columns side by side and read back equal in DuckDB")
    func concurrentShredding() throws {
        // 10,000 records in one batch: the writer's slices of 8,192 rows pass the threshold of
        // ColumnLanes (nested fields shredded side by side, pages sealed side by side), whose
        // results must equal the one-thread path value by value.
        let d = TempDir()
        let input = d.file("in.jsonl", Self.records(10_000))
        let output = d.path("out.parquet")
        var options = ConvertOptions()
        options.json.nested = .keep
        let summary = try FormatConverter.convert(input: input, output: output, options: options)
        #expect(summary.rows == 10_000)
        #expect(summary.schema.fields.filter { $0.type.isNested }.count >= 2)
        let out = try Subprocess.output(["python3", Interop.script("nested_json_check.py"), "duckdb", input.path, output.path])
        #expect(out.contains(#""count": 0"#), "\(out)")
    }

    @Test("a column holding objects in some records and scalars in others is JSON text")
    func mixedKinds() throws {
        let text = #"{"a":{"x":1},"b":[1]}"# + "\n" + #"{"a":5,"b":{"y":2}}"# + "\n" + #"{"a":"s","b":null}"# + "\n"
        let (_, output, summary, d) = try Self.convert(text)
        _ = d
        #expect(summary.schema.fields.map(\.type) == [.string, .string])
        let rows = try ParquetReader(url: output).rows()
        #expect(rows.map { $0[0] } == [.string(#"{"x":1}"#), .string("5"), .string("s")])
        #expect(rows.map { $0[1] } == [.string("[1]"), .string(#"{"y":2}"#), .null])
    }

    @Test("an explicit nested schema is honoured and a value that does not fit it is an error")
    func explicitSchema() throws {
        let d = TempDir()
        let input = d.file("in.jsonl", #"{"p":{"x":1,"y":[1,2]}}"# + "\n" + #"{"p":{"x":2}}"# + "\n")
        var options = ConvertOptions(schema: Schema([Field(name: "p", type: ColumnType(parsing: "struct<x:int64,y:list<int64>>") ?? .string)]))
        options.json.nested = .keep
        let summary = try FormatConverter.convert(input: input, output: d.path("out.parquet"), options: options)
        #expect(summary.rows == 2)
        let bad = d.file("bad.jsonl", #"{"p":{"x":"not a number"}}"# + "\n")
        #expect(throws: FormatError.self) { try FormatConverter.convert(input: bad, output: d.path("bad.parquet"), options: options) }
    }

    @Test("raw JSON cells parse, unescape and print back compactly")
    func rawJSON() throws {
        let text = Array(#" { "k\u00e9y" : [ 1 , -2.5e3 , "a\"b\n" , true , null , { } ] } "#.utf8)
        let value = try text.withUnsafeBytes { try RawJSON.parse($0) }
        #expect(String(decoding: value.text, as: UTF8.self) == #"{"kéy":[1,-2.5e3,"a\"b\n",true,null,{}]}"#)
        #expect(throws: FormatError.self) { try Array("[1,".utf8).withUnsafeBytes { try RawJSON.parse($0) } }
        let deep = Array(String(repeating: "[", count: 300).utf8)
        #expect(throws: FormatError.self) { try deep.withUnsafeBytes { try RawJSON.parse($0) } }
    }
}
