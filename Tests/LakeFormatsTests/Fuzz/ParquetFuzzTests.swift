import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// Seeded mutations of valid Parquet files (SwiftLake's, every codec; pyarrow's v2, delta,
/// byte-stream-split, dictionary, INT96 and FLOAT16 files) read in full: no crash, no hang,
/// every failure a FormatError. 2,000 mutants, each parse bounded.
@Suite("Parquet reader fuzzing", .blocking)
struct ParquetFuzzTests {
    static let iterations = fuzzIterations(2000)

    @Test("2,000 mutated files: 0 crashes, 0 hangs, only FormatErrors")
    func mutants() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        var seeds: [[UInt8]] = []
        for codec in ParquetCompression.allCases {
            let url = dir.appendingPathComponent("ours-\(codec).parquet")
            let writer = try ParquetWriter(
                url: url, schema: AllTypesFixture.schema,
                options: ParquetWriterOptions(compression: codec, rowGroupRows: 40, pageBytes: 200))
            try writer.write(AllTypesFixture.batch(start: 0, count: 90))
            _ = try writer.close()
            seeds.append(try [UInt8](Data(contentsOf: url)))
        }
        let nestedURL = dir.appendingPathComponent("ours-nested.parquet")
        let nestedWriter = try ParquetWriter(
            url: nestedURL, schema: NestedFixture.schema, options: ParquetWriterOptions(rowGroupRows: 40, pageBytes: 200))
        try nestedWriter.write(NestedFixture.batch(start: 0, count: 90))
        _ = try nestedWriter.close()
        seeds.append(try [UInt8](Data(contentsOf: nestedURL)))
        try Interop.python("parquet_fuzz_seeds.py", [dir.path])
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasPrefix("seed-") {
            seeds.append(try [UInt8](Data(contentsOf: dir.appendingPathComponent(name))))
        }
        #expect(seeds.count == ParquetCompression.allCases.count + 8)
        // Every seed reads cleanly before it is mutated.
        for seed in seeds { #expect(Self.read(seed, at: dir.appendingPathComponent("seed.parquet")) == nil) }

        let findings = Findings()
        let target = dir.appendingPathComponent("mutant.parquet")
        let frozenSeeds = seeds
        let thriftBytes: [UInt8] = [0x15, 0x16, 0x18, 0x19, 0x1C, 0x26, 0x28, 0x29, 0x2C, 0x00, 0x11, 0x12]
        BoundedRun.run(Self.iterations, perInput: .seconds(5), total: .seconds(max(180, Self.iterations / 10))) { i in
            var mutator = Mutator(seed: UInt64(i) &+ 20_261_204)
            let seed = frozenSeeds[i % frozenSeeds.count]
            // The footer holds every offset and size: aim half the edits at it.
            let footerLength = Int(seed[seed.count - 8]) | Int(seed[seed.count - 7]) << 8
            let mutant = mutator.mutate(seed, extraBytes: thriftBytes, focus: (seed.count - 8 - footerLength)..<(seed.count - 8))
            if let error = Self.read(mutant, at: target) {
                if let formatError = error as? FormatError {
                    findings.count(formatError.code.rawValue)
                } else {
                    findings.problem("mutant \(i): not a FormatError: \(error)")
                }
            } else {
                findings.count("ok")
            }
        }
        #expect(findings.problems.isEmpty, "\(findings.problems)")
        let outcomes = findings.outcomes
        #expect(outcomes.values.reduce(0, +) == Self.iterations, "\(outcomes)")
        #expect((outcomes["ok"] ?? 0) > 0 && (outcomes["corrupt"] ?? 0) > 0, "\(outcomes)")
    }

    /// Opens and decodes every row group and the metadata of `bytes`; returns the error, if any.
    static func read(_ bytes: [UInt8], at url: URL) -> Error? {
        do {
            try Data(bytes).write(to: url)
            let reader = try ParquetReader(url: url)
            var rows = 0
            for g in 0..<reader.rowGroupCount {
                let batch = try reader.readRowGroup(g)
                rows += batch.rowCount
                for (c, column) in batch.columns.enumerated() where batch.rowCount > 0 {
                    _ = column.value(at: batch.rowCount - 1, type: batch.schema.fields[c].type)
                }
            }
            _ = ParquetMetadataRenderer.text(reader.metadata)
            return nil
        } catch {
            return error
        }
    }
}
