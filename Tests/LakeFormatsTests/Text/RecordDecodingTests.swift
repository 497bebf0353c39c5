import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// Whole records decoded while reading (``JSONReader/parseRecords(_:fields:)``) give the rows,
/// lines, offsets, errors and widenings of decoding the cells: a chunk with a record the
/// builders do not take is parsed again with cells.
@Suite("JSON records decoded while reading")
struct RecordDecodingTests {
    static let schema = Schema([
        Field(name: "id", type: .int64), Field(name: "name", type: .string), Field(name: "ts", type: .timestamp(.millis)),
        Field(name: "score", type: .double), Field(name: "ok", type: .bool),
        Field(name: "tags", type: .list(Field(name: "element", type: .string))),
        Field(name: "pos", type: .structure([Field(name: "x", type: .double), Field(name: "y", type: .double)])),
        Field(name: "note", type: .string),
    ])

    /// Records that each test a rule of the decoder; every 997th record of the input is one.
    static let oddRecords: [String] = [
        #"{"name":"reordered","id":1000001,"note":"n","ok":false,"score":1.5,"ts":"2026-01-02T03:04:05Z","tags":[],"pos":{"y":2,"x":1}}"#,
        #"{"id":1000002}"#,
        #"{"id":null,"name":null,"ts":null,"score":null,"ok":null,"tags":null,"pos":null,"note":null}"#,
        #"{"id":1000003,"name":"a\"b\\c\n\u00e9\ud83d\ude00\/","note":"tab\there"}"#,
        #"{"id":1000004,"name":"\ud800\u0041 and \udc00 and \ud800","note":"x"}"#,
        #"{"id":1000005,"name":"naïve ☃ 東京","note":"ü"}"#,
        #"{"id":1000006,"name":123.50,"note":true,"score":3}"#,
        #"{"id":1000007,"note":{"kept": [1, 2], "as":"text"}}"#,
        #"{"id":1000008,"ts":1700000000123,"score":1e3,"ok":"true"}"#,
        #"{"id":1234567890123456789,"score":-0.0,"ok":"false"}"#,
        #"{"id":1000009,"id":1000010,"name":"twice"}"#,
        #"{"id":1000011,"tags":["a",null,""],"pos":{"x":1.25}}"#,
        #"{ "id" : 1000012 , "name" : "spaced" , "tags" : [ "a" , "b" ] , "pos" : { "x" : 1 , "y" : 2 } }"#,
        #"{"id":1000013,"score":"2.5","ts":"2026-03-04"}"#,
        #"{"id":1000014,"ok":1}"#,
        #"{"id":1000015,"name":"","note":""}"#,
    ]

    static func regular(_ i: Int) -> String {
        #"{"id":\#(i),"name":"user \#(i % 1000)","ts":"2026-11-\#(10 + i % 18)T0\#(i % 10):15:00Z","score":\#(Double(i % 977) / 8),"ok":\#(i % 3 == 0),"tags":["t\#(i % 5)","u"],"pos":{"x":\#(i % 100),"y":-\#(Double(i % 7) / 2)},"note":\#(i % 4 == 0 ? "null" : "\"n\(i % 9)\"")}"#
    }

    static func input(records: Int) -> String {
        (0..<records).map { i in i % 997 == 500 ? oddRecords[(i / 997) % oddRecords.count] : regular(i) }
            .joined(separator: "\n") + "\n"
    }

    /// Every row of `url` as values, read as a pipelined conversion reads it (chunks, nested
    /// values decoded while reading), with whole records decoded or not.
    static func rows(_ url: URL, records: Bool, invalidUTF8: CSVOptions.InvalidUTF8 = .error) throws
        -> (rows: [[Value]], lines: [Int], offsets: [Int64], decoded: Int, chunks: Int)
    {
        var options = JSONOptions(nested: .keep, blockSize: 1 << 20, batchRows: 4096, invalidUTF8: invalidUTF8)
        options.decodesRecords = records
        let reader = try JSONReader(url: url, options: options)
        #expect(reader.useBuffers(3))
        reader.decodeNestedWhileReading(
            Dictionary(uniqueKeysWithValues: schema.fields.filter(\.type.isNested).map { ($0.name, $0.type) }))
        reader.decodeRecordsWhileReading(schema.fields)
        var builder = BatchBuilder(
            schema: schema, explicit: true, positional: false, nulls: NullTokens([], quotedCanBeNull: false), source: reader)
        var rows: [[Value]] = []
        var lines: [Int] = []
        var offsets: [Int64] = []
        var decoded = 0
        while let grid = try reader.nextGrid() {
            if grid.records != nil { decoded += 1 }
            lines += (0..<grid.rowCount).map { grid.rowLines[$0] }
            offsets += (0..<grid.rowCount).map { grid.rowOffsets[$0] }
            guard case .batch(let batch) = try builder.build(grid, source: reader) else { break }
            for r in 0..<batch.rowCount { rows.append(batch.row(r)) }
        }
        return (rows, lines, offsets, decoded, reader.chunkStats.parsed)
    }

    @Test("rows, lines and offsets equal to decoding the cells, odd records included")
    func sameRows() throws {
        let d = TempDir()
        let url = d.file("in.jsonl", Self.input(records: 60_000))
        let decoded = try Self.rows(url, records: true)
        let cells = try Self.rows(url, records: false)
        #expect(decoded.rows.count == 60_000)
        #expect(decoded.rows == cells.rows)
        #expect(decoded.lines == cells.lines)
        #expect(decoded.offsets == cells.offsets)
        #expect(decoded.decoded >= 3, "grids decoded whole: \(decoded.decoded) of \(decoded.chunks) chunks")
        #expect(decoded.decoded < decoded.chunks, "chunks with a record that does not fit are parsed with cells")
        #expect(cells.decoded == 0)
        // Spot checks of the rules, as the decoder applies them.
        let byID = Dictionary(decoded.rows.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID[.int(1_000_004)]?[1] == .string("\u{FFFD}A and \u{FFFD} and \u{FFFD}"))
        #expect(byID[.int(1_000_006)]?[1] == .string("123.50") && byID[.int(1_000_006)]?[7] == .string("true"))
        #expect(byID[.int(1_000_007)]?[7] == .string(#"{"kept": [1, 2], "as":"text"}"#))
        #expect(byID[.int(1_000_010)]?[1] == .string("twice"), "a key given twice: the last value counts")
    }

    @Test("strings unescape as the record parser unescapes them: a high surrogate without its pair is U+FFFD alone")
    func surrogates() {
        for (text, expected) in [
            (#""\ud800\u0041""#, "\u{FFFD}A"), (#""\ud83d\ude00""#, "😀"), (#""\udc00x""#, "\u{FFFD}x"),
            (#""\ud800""#, "\u{FFFD}"), (#""\ud800\ud800\ude00""#, "\u{FFFD}\u{10200}"),
        ] {
            var bytes: [UInt8] = []
            let ok = Array(text.utf8).withUnsafeBytes { raw -> Bool in
                var cursor = JSONCursor(raw)
                return cursor.string(into: &bytes)
            }
            #expect(ok && String(decoding: bytes, as: UTF8.self) == expected, "\(text) gave \(bytes)")
        }
    }

    @Test("a string that is not valid UTF-8 fails or is repaired as when decoding the cells", arguments: [CSVOptions.InvalidUTF8.error, .replace])
    func invalidUTF8(_ policy: CSVOptions.InvalidUTF8) throws {
        let d = TempDir()
        var bytes = Array(Self.input(records: 30_000).utf8)
        // A lone continuation byte in a name far enough in to be in a chunk.
        let marker = Array(#""name":"user 777""#.utf8)
        var at = bytes.count * 3 / 4
        while !bytes[at...].starts(with: marker) { at += 1 }
        bytes[at + 9] = 0x80
        let url = d.url.appendingPathComponent("bad.jsonl")
        try Data(bytes).write(to: url)
        switch policy {
        case .error:
            let a = formatError { _ = try Self.rows(url, records: true, invalidUTF8: .error) }
            let b = formatError { _ = try Self.rows(url, records: false, invalidUTF8: .error) }
            #expect(a?.code == .invalidUTF8)
            #expect(a?.context.line == b?.context.line && a?.context.byteOffset == b?.context.byteOffset)
            #expect(a?.context.line != nil)
        case .replace:
            let a = try Self.rows(url, records: true, invalidUTF8: .replace)
            let b = try Self.rows(url, records: false, invalidUTF8: .replace)
            #expect(a.rows == b.rows && a.rows.count == 30_000)
        }
    }

    @Test("a misfit deep in the input widens as when decoding the cells, records decoded ahead read again")
    func widening() throws {
        let d = TempDir()
        var lines = (0..<40_000).map { Self.regular($0) }
        lines[30_000] = #"{"id":30000,"score":"n/a"}"#
        let input = d.file("in.jsonl", lines.joined(separator: "\n") + "\n")
        var outputs: [Data] = []
        for records in [true, false] {
            var json = JSONOptions(nested: .keep)
            json.decodesRecords = records
            let output = d.path("out-\(records).parquet")
            let s = try FormatConverter.convert(
                input: input, output: output, options: ConvertOptions(json: json, inference: InferenceOptions(sampleRows: 1000)))
            #expect(s.passes == 2 && s.rows == 40_000)
            #expect(s.widenings.map(\.column) == ["score"])
            outputs.append(try Data(contentsOf: output))
        }
        #expect(outputs[0] == outputs[1])
    }
}
