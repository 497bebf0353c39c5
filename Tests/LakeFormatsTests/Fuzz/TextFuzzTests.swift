import Foundation
import Testing

@testable import LakeFormats

/// Seeded mutations of valid CSV and JSON (quotes, CRLF, escapes, unicode, nesting) read in
/// full at several block sizes, with inference and conversion to Parquet for some: no crash,
/// no hang, every failure a FormatError.
@Suite("CSV and JSON reader fuzzing")
struct TextFuzzTests {
    static let csvSeed = Array((
        "id,name,price,when,flag,note\r\n"
            + "1,\"Smith, J\",12.50,2024-01-05,true,\"say \"\"hi\"\"\"\r\n"
            + "2,é日本,-0.5,2024-01-05T10:00:00Z,false,\n"
            + "3,\"multi\nline\",007,,TRUE,\"\"\n"
            + "4,plain,1e3,1969-12-31,f,x\n").utf8)

    static let jsonLinesSeed = Array((
        "{\"id\": 1, \"s\": \"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\", \"o\": {\"x\": [1, {\"k\": null}], \"y\": 2.5e-3}}\n"
            + "{\"id\": 2, \"\": true, \"n\": -0, \"big\": 123456789012345678901234567890}\n"
            + "{\"id\": 3, \"s\": \"日本\", \"o\": {\"x\": []}, \"t\": \"2024-01-05T10:00:00Z\"}\n").utf8)

    static let jsonArraySeed = Array((
        "[\n {\"a\": 1, \"b\": \"x\"},\n {\"a\": 2, \"b\": null, \"c\": {\"d\": false}},\n {\"a\": 3.5, \"b\": \"\\n\"}\n]\n").utf8)

    enum Kind: String, CaseIterable, Sendable { case csv, jsonLines, jsonArray }

    @Test("3,000 mutated CSV and JSON inputs: 0 crashes, 0 hangs, only FormatErrors")
    func mutants() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let findings = Findings()
        let extra = Array(",\"\r\n{}[]:\\ \t".utf8) + [0xC3, 0xE6, 0xF0, 0x80]
        let iterations = fuzzIterations(3000)
        BoundedRun.run(iterations, perInput: .seconds(5), total: .seconds(max(120, iterations / 10))) { i in
            let kind = Kind.allCases[i % 3]
            var mutator = Mutator(seed: UInt64(i) &+ 77)
            let seed = kind == .csv ? Self.csvSeed : kind == .jsonLines ? Self.jsonLinesSeed : Self.jsonArraySeed
            let mutant = mutator.mutate(seed, extraBytes: extra)
            let name = kind == .csv ? "m.csv" : kind == .jsonLines ? "m.jsonl" : "m.json"
            let url = dir.appendingPathComponent(name)
            let block = [64, 97, 1 << 16][mutator.next(3)]
            do {
                try Data(mutant).write(to: url)
                if kind == .csv {
                    _ = try readAllStrings(url, CSVOptions(blockSize: block, batchRows: 3))
                } else {
                    _ = try readAllJSON(url, JSONOptions(blockSize: block, batchRows: 2))
                }
                if i % 5 == 0 {
                    _ = try SchemaInference.infer(url: url)
                    _ = try FormatConverter.convert(input: url, output: dir.appendingPathComponent("m.parquet"), options: ConvertOptions())
                    if kind != .csv {
                        // Nested columns: shapes inferred from mutated objects and arrays.
                        var keep = ConvertOptions()
                        keep.json.nested = .keep
                        _ = try FormatConverter.convert(input: url, output: dir.appendingPathComponent("k.parquet"), options: keep)
                    }
                }
                findings.count("ok")
            } catch let error as FormatError {
                findings.count(error.code.rawValue)
            } catch {
                findings.problem("mutant \(i) (\(kind)): not a FormatError: \(error)")
            }
        }
        #expect(findings.problems.isEmpty, "\(findings.problems)")
        let outcomes = findings.outcomes
        #expect(outcomes.values.reduce(0, +) == iterations, "\(outcomes)")
        #expect((outcomes["ok"] ?? 0) > 0 && outcomes.count > 1, "\(outcomes)")
    }
}
