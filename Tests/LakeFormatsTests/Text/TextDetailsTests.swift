import Foundation
import Testing

@testable import LakeFormats

/// CSV and JSON details: numbers with leading zeros stay text (as DuckDB infers them), JSON
/// strings reject raw control characters (RFC 8259) with line and column, and the empty JSON
/// key becomes a usable, unique column name.
@Suite("CSV and JSON details")
struct TextDetailsTests {
    func csvTypes(_ csv: String) throws -> [ColumnType] {
        let d = TempDir()
        return try SchemaInference.infer(url: d.file("s.csv", csv)).schema.fields.map(\.type)
    }

    @Test("integers with leading zeros are strings; 0, -0, 0.5 and 0e5 are numbers", arguments: [
        ("08123\n00123\n", ColumnType.string),
        ("007\n", .string),
        ("000\n", .string),
        ("00.5\n", .string),
        ("01.5\n", .string),
        ("-007\n", .string),
        ("+01\n", .string),
        ("0123456789012\n", .string),
        ("1\n007\n", .string),
        ("0\n", .int32),
        ("0\n-0\n10\n", .int32),
        ("0.5\n", .double),
        ("0.0\n-0.5\n", .double),
        ("0e5\n", .double),
        ("0001-01-01\n", .date),
        ("2024-01-05\n", .date),
    ])
    func leadingZeros(_ values: String, _ expected: ColumnType) throws {
        #expect(try csvTypes("v\n" + values) == [expected])
    }

    @Test("leading-zero codes survive a conversion unchanged")
    func leadingZerosConvert() throws {
        let d = TempDir()
        let input = d.file("zip.csv", "zip,n\n08123,1\n10001,2\n00501,3\n")
        let output = d.path("zip.parquet")
        let summary = try FormatConverter.convert(input: input, output: output, options: ConvertOptions())
        #expect(summary.schema.fields.map(\.type) == [.string, .int32])
        let rows = try ParquetReader(url: output).rows()
        #expect(rows.map { $0[0] } == [.string("08123"), .string("10001"), .string("00501")])
    }

    /// The FormatError reading `text` (as JSON Lines or a JSON array) throws.
    func jsonError(_ text: String, name: String = "bad.jsonl", blockSize: Int = 1 << 20) -> FormatError? {
        let d = TempDir()
        let url = d.file(name, text)
        return formatError { _ = try readAllJSON(url, JSONOptions(blockSize: blockSize)) }
    }

    @Test("raw control characters in strings are rejected with line and column", arguments: [64, 1 << 20])
    func controlCharacters(blockSize: Int) throws {
        let tab = jsonError("{\"a\": \"ok\"}\n{\"a\": \"x\ty\"}\n", blockSize: blockSize)
        #expect(tab?.code == .syntax)
        #expect(tab?.context.line == 2)
        #expect(tab?.message.contains("U+0009") == true)
        #expect(tab?.message.contains("line 2, column 9") == true, "\(String(describing: tab))")

        let newline = jsonError("{\"a\": 1}\n{\"b\": \"cut\nhere\"}\n", blockSize: blockSize)
        #expect(newline?.message.contains("U+000A") == true)
        #expect(newline?.message.contains("line 2, column 11") == true, "\(String(describing: newline))")

        // In a key, in a nested (skipped) value, NUL, and after multi-byte characters.
        let key = jsonError("{\"k\u{01}\": 1}\n", blockSize: blockSize)
        #expect(key?.message.contains("U+0001") == true && key?.message.contains("column 4") == true, "\(String(describing: key))")
        let nested = jsonError("{\"a\": [\"x\u{1F}\"]}\n", blockSize: blockSize)
        #expect(nested?.message.contains("U+001F") == true && nested?.message.contains("column 10") == true, "\(String(describing: nested))")
        let nul = jsonError("{\"é日\": \"😀\u{00}\"}\n", blockSize: blockSize)
        #expect(nul?.message.contains("U+0000") == true && nul?.message.contains("column 10") == true, "\(String(describing: nul))")

        // A long single-line array: the column counts from the start of the line, across blocks.
        let records = (0..<40).map { "{\"id\": \($0), \"s\": \"abcdefghij\"}" }
        let long = "[" + records.joined(separator: ", ") + ", {\"id\": 40, \"s\": \"a\rb\"}]"
        let error = jsonError(long, name: "bad.json", blockSize: blockSize)
        let column = long.utf8.firstIndex(of: 13).map { long.utf8.distance(from: long.utf8.startIndex, to: $0) + 1 }
        #expect(error?.message.contains("line 1, column \(column ?? -1)") == true, "\(String(describing: error))")

        // Escaped control characters and DEL are fine.
        let d = TempDir()
        let ok = try readAllJSON(d.file("ok.jsonl", "{\"a\": \"x\\ty\\u0001\u{7F}\"}\n"))
        #expect(ok.rows == [["x\ty\u{01}\u{7F}"]])
    }

    @Test("the empty key becomes _empty, unique against real keys")
    func emptyKey() throws {
        let d = TempDir()
        let plain = try readAllJSON(d.file("e.jsonl", "{\"\": 1, \"a\": 2}\n{\"a\": 3, \"\": 4}\n"))
        #expect(plain.names == ["_empty", "a"])
        #expect(plain.rows == [["1", "2"], ["4", "3"]])

        let taken = try readAllJSON(d.file("t.jsonl", "{\"_empty\": 1, \"\": 2, \"_empty_2\": 3}\n{\"\": 5}\n"))
        #expect(taken.names == ["_empty", "_empty_2", "_empty_2_2"])
        #expect(taken.rows == [["1", "2", "3"], [nil, "5", nil]])

        let later = try readAllJSON(d.file("l.jsonl", "{\"\": 1}\n{\"_empty\": 2}\n"))
        #expect(later.names == ["_empty", "_empty_2"])
        #expect(Set(later.names).count == later.names.count)

        let nested = try readAllJSON(d.file("n.jsonl", "{\"o\": {\"\": 1}}\n"))
        #expect(nested.names == ["o."])

        // And it converts to a Parquet file pyarrow can read.
        let output = d.path("e.parquet")
        let summary = try FormatConverter.convert(input: d.path("e.jsonl"), output: output, options: ConvertOptions())
        #expect(summary.schema.fields.map(\.name) == ["_empty", "a"])
        #expect(try ParquetReader(url: output).rows() == [[.int(1), .int(2)], [.int(4), .int(3)]])
    }
}
