import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

@Suite("CSV reader against Python's csv module", .blocking)
struct CSVFuzzTests {
    /// A small deterministic generator (64-bit LCG).
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func randomCSV(seed: UInt64, rows: Int, columns: Int) -> String {
        var rng = Rng(state: seed)
        let pieces = ["a", "b c", ",", "\"", "\n", "\r\n", "é", "1.5", " ", "x\"y", ""]
        var out = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\r\n"
        for _ in 0..<rows {
            var fields: [String] = []
            for _ in 0..<columns {
                var f = ""
                for _ in 0..<rng.next(4) { f += pieces[rng.next(pieces.count)] }
                let needsQuotes = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")
                if needsQuotes || rng.next(5) == 0 {
                    f = "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                fields.append(f)
            }
            out += fields.joined(separator: ",") + (rng.next(2) == 0 ? "\n" : "\r\n")
        }
        return out
    }

    @Test("random quoting, newlines and CRLF read the same at every block size", arguments: [3 as UInt64, 11, 42])
    func matchesPython(_ seed: UInt64) throws {
        let d = TempDir()
        let url = d.file("f.csv", Self.randomCSV(seed: seed, rows: 300, columns: 4))
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                rows = [r for r in csv.reader(f) if r]
            print(json.dumps(rows[1:]))
            """
        let expected = try JSONSerialization.jsonObject(with: Data(try python(script, [url.path]).utf8)) as? [[String]]
        for block in [64, 100, 257, 4096] {
            let reader = try CSVReader(url: url, options: CSVOptions(delimiter: 44, header: .present, blockSize: block, batchRows: 13))
            var rows: [[String]] = []
            while let batch = try reader.nextTextRows() { rows += batch.rows.map { $0.map { $0 ?? "<nil>" } } }
            #expect(rows == expected, "block size \(block)")
        }
    }
}
