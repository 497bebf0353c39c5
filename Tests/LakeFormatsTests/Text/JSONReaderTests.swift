import Foundation
import Testing

@testable import LakeFormats

@Suite("JSON reader")
struct JSONReaderTests {
    @Test("a JSON array and JSON Lines give the same rows")
    func arrayAndLines() throws {
        let d = TempDir()
        let a = d.file("a.json", "[\n {\"id\": 1, \"name\": \"x\"},\n {\"id\": 2, \"name\": null, \"extra\": true}\n]\n")
        let l = d.file("l.jsonl", "{\"id\": 1, \"name\": \"x\"}\n\n{\"id\": 2, \"name\": null, \"extra\": true}\n")
        let ra = try readAllJSON(a)
        let rl = try readAllJSON(l)
        #expect(ra.names == ["id", "name", "extra"])
        #expect(ra.rows == [["1", "x", nil], ["2", nil, "true"]])
        #expect(rl.names == ra.names && rl.rows == ra.rows)
        #expect(try JSONReader(url: a).isArray)
        #expect(try !JSONReader(url: l).isArray)
    }

    @Test("nested objects flattened or kept; arrays as JSON text")
    func nested() throws {
        let d = TempDir()
        let u = d.file("n.jsonl", "{\"a\":{\"b\":1,\"c\":{\"d\":\"x\"}},\"arr\":[1, {\"k\": [2]}]}\n")
        let flat = try readAllJSON(u)
        #expect(flat.names == ["a.b", "a.c.d", "arr"])
        #expect(flat.rows == [["1", "x", "[1, {\"k\": [2]}]"]])
        let kept = try readAllJSON(u, JSONOptions(nested: .keepAsJSON))
        #expect(kept.names == ["a", "arr"])
        #expect(kept.rows == [["{\"b\":1,\"c\":{\"d\":\"x\"}}", "[1, {\"k\": [2]}]"]])
    }

    @Test("escapes, unicode escapes and surrogate pairs")
    func escapes() throws {
        let d = TempDir()
        let u = d.file("e.jsonl", #"{"s":"q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00 lone\ud800x"}"# + "\n")
        let r = try readAllJSON(u)
        #expect(r.rows == [["q\"b\\s/n\nt\tué😀 lone\u{FFFD}x"]])
    }

    @Test("numbers keep their exact text")
    func bigNumbers() throws {
        let d = TempDir()
        let u = d.file("b.jsonl", "{\"n\": 123456789012345678901234567890, \"f\": 1.50, \"e\": -2.5e-3}\n")
        let r = try readAllJSON(u)
        #expect(r.rows == [["123456789012345678901234567890", "1.50", "-2.5e-3"]])
    }

    @Test("tiny blocks: records cut anywhere", arguments: [16, 17, 23, 64])
    func tinyBlocks(_ block: Int) throws {
        var text = "[\n"
        var expected: [[String?]] = []
        for i in 0..<100 {
            text += (i > 0 ? ",\n" : "") + "{\"id\": \(i), \"s\": \"v\\u00e9\\\"\(i)\", \"o\": {\"x\": [\(i), \(i)]}}"
            expected.append(["\(i)", "vé\"\(i)", "[\(i), \(i)]"])
        }
        text += "\n]"
        let d = TempDir()
        let u = d.file("t.json", text)
        let r = try readAllJSON(u, JSONOptions(blockSize: block, batchRows: 9))
        #expect(r.names == ["id", "s", "o.x"])
        #expect(r.rows == expected)
    }

    @Test("syntax errors name the line and byte offset")
    func errors() throws {
        let d = TempDir()
        let u = d.file("bad.jsonl", "{\"a\": 1}\n{\"a\": 2,}\n")
        let e = formatError {
            _ = try readAllJSON(u)
        }
        #expect(e?.code == .syntax)
        #expect(e?.context.line == 2)
        #expect(e?.context.byteOffset == 17)
        let cut = d.file("cut.json", "[{\"a\": 1}, {\"a\": ")
        #expect(throws: FormatError.self) { _ = try readAllJSON(cut) }
        let unclosed = d.file("open.json", "[{\"a\": 1}")
        #expect(throws: FormatError.self) { _ = try readAllJSON(unclosed) }
    }

    @Test("a sample's row limit stops a grid early; lifted, grids fill again with the rows that follow")
    func sampleRowLimit() throws {
        let d = TempDir()
        let text = (0..<5_000).map { "{\"id\": \($0), \"tag\": \"t\($0 % 7)\"}" }.joined(separator: "\n") + "\n"
        let reader = try JSONReader(url: d.file("s.jsonl", text))
        var profiler = SchemaProfiler(options: InferenceOptions(), quote: reader.quote, nested: false)
        try reader.profileSample(into: &profiler, rows: 120)
        #expect(profiler.rows == 120)
        #expect(reader.rowsRead == 120)
        // The rows after the sample come next, in grids as large as before.
        var ids: [String] = []
        var largest = 0
        while let batch = try reader.nextTextRows() {
            largest = max(largest, batch.rows.count)
            ids += batch.rows.map { $0[0] ?? "" }
        }
        #expect(ids.first == "120" && ids.count == 4_880)
        #expect(largest > 120)
    }

    @Test("wide records shrink the batch instead of the memory growing")
    func wideRecords() throws {
        let d = TempDir()
        var text = ""
        for r in 0..<40 {
            text += "{" + (0..<3000).map { "\"k\($0)\": \(r * $0)" }.joined(separator: ",") + "}\n"
        }
        let reader = try JSONReader(url: d.file("w.jsonl", text))
        var rows = 0
        while let batch = try reader.nextTextRows() {
            for row in batch.rows {
                #expect(row[2999] == "\(rows * 2999)")
                rows += 1
            }
        }
        #expect(rows == 40)
        #expect(reader.grid.rowCapacity * 4096 <= TokenGrid.cellBudget * 2)
    }
}
