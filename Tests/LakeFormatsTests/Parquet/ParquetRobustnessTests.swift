import Foundation
import LakeFormats
import Testing

/// Truncated and bit-flipped files never crash the reader: they throw FormatError (or, for a
/// flip inside values, may decode to different values).
@Suite("Parquet robustness")
struct ParquetRobustnessTests {
    static func sampleFile(_ dir: URL, _ codec: ParquetCompression) throws -> [UInt8] {
        let file = dir.appendingPathComponent("sample-\(codec).parquet")
        let writer = try ParquetWriter(
            url: file, schema: AllTypesFixture.schema,
            options: ParquetWriterOptions(compression: codec, rowGroupRows: 100, pageBytes: 512))
        try writer.write(AllTypesFixture.batch(start: 0, count: 200))
        _ = try writer.close()
        return try [UInt8](Data(contentsOf: file))
    }

    /// Opens and fully decodes `bytes`; returns the error, if any.
    static func readAll(_ bytes: [UInt8], at url: URL) -> Error? {
        do {
            try Data(bytes).write(to: url)
            let reader = try ParquetReader(url: url)
            for g in 0..<reader.rowGroupCount { _ = try reader.readRowGroup(g) }
            _ = ParquetMetadataRenderer.text(reader.metadata)
            return nil
        } catch {
            return error
        }
    }

    @Test("truncated files throw FormatError naming the file", arguments: ParquetCompression.allCases)
    func truncation(codec: ParquetCompression) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let bytes = try Self.sampleFile(dir, codec)
        let target = dir.appendingPathComponent("cut.parquet")
        var cuts = Set([0, 1, 3, 4, 7, 8, 11, 12, bytes.count - 1, bytes.count - 4, bytes.count - 8, bytes.count - 9])
        for k in stride(from: 13, to: bytes.count, by: max(1, bytes.count / 90)) { cuts.insert(k) }
        for cut in cuts.sorted() where cut < bytes.count {
            let error = Self.readAll(Array(bytes[..<cut]), at: target)
            let formatError = error as? FormatError
            #expect(formatError != nil, "cut at \(cut) gave \(String(describing: error))")
            #expect(formatError?.context.path == target.path)
        }
    }

    @Test("footer cut short but magic intact: every length is validated")
    func corruptFooterLength() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        var bytes = try Self.sampleFile(dir, .snappy)
        let n = bytes.count
        bytes[n - 8] = 0xFF
        bytes[n - 7] = 0xFF
        bytes[n - 6] = 0xFF
        bytes[n - 5] = 0x7F
        let error = Self.readAll(bytes, at: dir.appendingPathComponent("f.parquet")) as? FormatError
        #expect(error?.code == .corrupt)
    }

    @Test("bit flips never crash", arguments: ParquetCompression.allCases)
    func bitFlips(codec: ParquetCompression) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let bytes = try Self.sampleFile(dir, codec)
        let target = dir.appendingPathComponent("flip.parquet")
        var state: UInt64 = 0x1234_5678 &+ UInt64(codec.rawValue.count)
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var errors = 0
        for _ in 0..<100 {
            var copy = bytes
            for _ in 0..<(1 + next() % 3) {
                let i = next() % copy.count
                copy[i] ^= UInt8(1 << (next() % 8))
            }
            if let error = Self.readAll(copy, at: target) {
                #expect(error is FormatError, "\(error)")
                errors += 1
            }
        }
        #expect(errors > 0)
    }

    @Test("random garbage with valid magic bytes is rejected")
    func garbage() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        var state: UInt64 = 99
        for size in [12, 13, 64, 500, 4096] {
            var bytes = Array("PAR1".utf8)
            for _ in 0..<(size - 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            let footer = UInt32(max(0, size - 12))
            bytes += withUnsafeBytes(of: footer.littleEndian) { Array($0) } + Array("PAR1".utf8)
            let error = Self.readAll(bytes, at: dir.appendingPathComponent("g.parquet"))
            #expect(error is FormatError)
        }
    }
}
