import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// Snappy, gzip, zstd and LZ4 round trips, corrupt-input handling and cross-checks with
/// pyarrow's snappy / zstd / lz4_raw and Python's gzip.
@Suite("Compression codecs", .blocking)
struct CompressionTests {
    static func random(_ n: Int, seed: UInt64) -> [UInt8] {
        var s = seed | 1
        return (0..<n).map { _ in
            s ^= s << 13
            s ^= s >> 7
            s ^= s << 17
            return UInt8(truncatingIfNeeded: s)
        }
    }

    static var samples: [(String, [UInt8])] {
        var out: [(String, [UInt8])] = [
            ("empty", []), ("one byte", [42]), ("run", [UInt8](repeating: 7, count: 300_000)),
            ("incompressible", random(200_000, seed: 5)),
            ("text", Array(String(repeating: "the quick brown fox jumps over the lazy dog; ", count: 3000).utf8)),
        ]
        for size in [15, 16, 17, 65_535, 65_536, 65_537, 131_072, 131_073] {
            var mixed = random(size, seed: UInt64(size))
            for i in stride(from: 0, to: size, by: 7) { mixed[i] = 0 }
            out.append(("mixed \(size)", mixed))
        }
        return out
    }

    @Test("snappy round-trips")
    func snappyRoundTrip() throws {
        for (name, data) in Self.samples {
            let compressed = Snappy.compress(data)
            #expect(compressed.count <= Snappy.maxCompressedLength(data.count), "\(name)")
            #expect(try Snappy.decompress(compressed) == data, "\(name)")
        }
        #expect(Snappy.compress([UInt8](repeating: 0, count: 100_000)).count < 5000)
    }

    @Test("gzip round-trips")
    func gzipRoundTrip() throws {
        for (name, data) in Self.samples {
            let compressed = try Gzip.compress(data)
            #expect(compressed.prefix(2) == [0x1F, 0x8B], "\(name)")
            #expect(try Gzip.decompress(compressed) == data, "\(name)")
        }
    }

    @Test("corrupt snappy and gzip input throw FormatError")
    func corrupt() throws {
        let data = Array(String(repeating: "abcdefgh", count: 1000).utf8)
        let good = Snappy.compress(data)
        var state: UInt64 = 7
        for _ in 0..<300 {
            var bad = good
            state = state &* 6_364_136_223_846_793_005 &+ 1
            bad[Int(state >> 33) % bad.count] ^= UInt8(truncatingIfNeeded: state >> 20) | 1
            do {
                _ = try Snappy.decompress(bad)
            } catch {
                #expect(error is FormatError)
            }
        }
        for cut in [0, 1, 2, good.count / 2, good.count - 1] {
            #expect(throws: FormatError.self) { _ = try Snappy.decompress(Array(good[..<cut])) }
        }
        #expect(throws: FormatError.self) { _ = try Snappy.decompress([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) }
        #expect(throws: FormatError.self) { _ = try Snappy.decompress([0x05, 0x0A, 0x05]) }  // copy before any output
        let gz = try Gzip.compress(data)
        #expect(throws: FormatError.self) { _ = try Gzip.decompress(Array(gz[..<(gz.count / 2)])) }
        var badGz = gz
        badGz[12] ^= 0xFF
        #expect(throws: FormatError.self) { _ = try Gzip.decompress(badGz) }
        #expect(throws: FormatError.self) { _ = try Gzip.decompress(gz, maxLength: 10) }
    }

    static func compress(_ codec: String, _ data: [UInt8]) throws -> [UInt8] {
        switch codec {
        case "snappy": return Snappy.compress(data)
        case "gzip": return try Gzip.compress(data)
        case "zstd": return try Zstd.compress(data)
        default: return try LZ4.compress(data)
        }
    }

    static func decompress(_ codec: String, _ data: [UInt8], length: Int) throws -> [UInt8] {
        switch codec {
        case "snappy": return try Snappy.decompress(data)
        case "gzip": return try Gzip.decompress(data)
        case "zstd": return try Zstd.decompress(data)
        default: return try LZ4.decompress(data, length: length)
        }
    }

    @Test("zstd and lz4 round-trip (raw blocks and Hadoop framing)")
    func libraryCodecsRoundTrip() throws {
        for (name, data) in Self.samples {
            let z = try Zstd.compress(data)
            #expect(z.count <= (try Zstd.maxCompressedLength(data.count)), "\(name)")
            #expect(try Zstd.decompress(z) == data, "zstd \(name)")
            #expect(try Zstd.decompress(try Zstd.compress(data, level: 19)) == data, "zstd 19 \(name)")
            let l = try LZ4.compress(data)
            #expect(try LZ4.decompress(l, length: data.count) == data, "lz4 \(name)")
            for block in [1, 1000, 1 << 20] {
                let framed = try LZ4.compressHadoop(data, blockSize: block)
                var out = [UInt8](repeating: 0, count: data.count)
                try framed.withUnsafeBytes { src in try out.withUnsafeMutableBytes { try LZ4.decompressHadoop(src, into: $0) } }
                #expect(out == data, "hadoop lz4 \(name) blocks of \(block)")
            }
        }
        #expect(try Zstd.compress([UInt8](repeating: 0, count: 1 << 20)).count < 200)
    }

    @Test("corrupt zstd and lz4 input throw FormatError, and sizes are checked")
    func libraryCodecsCorrupt() throws {
        let data = Array(String(repeating: "the quick brown fox ", count: 2000).utf8)
        let z = try Zstd.compress(data)
        let l = try LZ4.compress(data)
        let h = try LZ4.compressHadoop(data, blockSize: 4096)
        var state: UInt64 = 11
        for round in 0..<600 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let source = [z, l, h][round % 3]
            var bad = source
            bad[Int(state >> 33) % bad.count] ^= UInt8(truncatingIfNeeded: state >> 20) | 1
            var out = [UInt8](repeating: 0, count: data.count)
            do {
                try bad.withUnsafeBytes { src in
                    try out.withUnsafeMutableBytes { dst in
                        switch round % 3 {
                        case 0: try Zstd.decompress(src, into: dst)
                        case 1: try LZ4.decompress(src, into: dst)
                        default: try LZ4.decompressHadoop(src, into: dst)
                        }
                    }
                }
            } catch {
                #expect(error is FormatError)
            }
        }
        // Wrong sizes: a frame announcing more than expected, a block decoding to fewer bytes.
        #expect(throws: FormatError.self) { _ = try Zstd.decompress(z, maxLength: 100) }
        var small = [UInt8](repeating: 0, count: 100)
        #expect(throws: FormatError.self) {
            try z.withUnsafeBytes { src in try small.withUnsafeMutableBytes { try Zstd.decompress(src, into: $0) } }
        }
        #expect(throws: FormatError.self) { _ = try LZ4.decompress(l, length: data.count + 1) }
        #expect(throws: FormatError.self) { _ = try LZ4.decompress(l, length: data.count - 1) }
        for cut in [0, 1, 4, z.count / 2, z.count - 1] {
            #expect(throws: FormatError.self) { _ = try Zstd.decompress(Array(z[..<cut])) }
        }
        #expect(throws: FormatError.self) { _ = try Zstd.decompress(Array("not zstd at all".utf8)) }
    }

    @Test("our codecs and pyarrow's snappy / zstd / lz4_raw and Python's gzip read each other",
          arguments: ["snappy", "gzip", "zstd", "lz4_raw"])
    func crossCheck(codec: String) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let samples = Self.samples.filter { !$0.1.isEmpty || codec == "gzip" || codec == "zstd" }
        var compressArgs = ["compress", codec]
        var decompressArgs = ["decompress", codec]
        for (k, (_, data)) in samples.enumerated() {
            let raw = dir.appendingPathComponent("\(k).raw")
            let ours = dir.appendingPathComponent("\(k).ours")
            try Data(data).write(to: raw)
            try Data(try Self.compress(codec, data)).write(to: ours)
            compressArgs += [raw.path, dir.appendingPathComponent("\(k).theirs").path]
            decompressArgs += [ours.path, dir.appendingPathComponent("\(k).back").path, String(data.count)]
        }
        try Interop.python("codec_check.py", compressArgs)
        try Interop.python("codec_check.py", decompressArgs)
        for (k, (name, data)) in samples.enumerated() {
            let theirs = try [UInt8](Data(contentsOf: dir.appendingPathComponent("\(k).theirs")))
            let decoded = try Self.decompress(codec, theirs, length: data.count)
            #expect(decoded == data, "\(codec) \(name): pyarrow -> SwiftLake")
            let back = try [UInt8](Data(contentsOf: dir.appendingPathComponent("\(k).back")))
            #expect(back == data, "\(codec) \(name): SwiftLake -> pyarrow")
        }
    }
}
