import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// Layouts no installed writer produces, built by rewriting pyarrow files page by page
/// (PageRewriter): the legacy Hadoop-framed LZ4 codec, Spark 3.5's empty v2 bodies, empty pages,
/// old parquet-mr chunk sizes, BYTE_ARRAY decimals. Each must read with the values pyarrow
/// reads, and pyarrow must read our rewrite too (so the layout is the real one). Features
/// SwiftLake does not implement are refused by name.
@Suite("Parquet reader: legacy and odd layouts", .blocking)
struct ParquetLegacyLayoutTests {
    /// The source files of parquet_sources.py, in a directory removed by `cleanup`.
    struct Sources {
        let dir: URL
        let values: [String: Any]

        init() throws {
            dir = try Interop.temporaryDirectory()
            try Interop.python("parquet_sources.py", [dir.path])
            values = try Interop.json(dir.appendingPathComponent("values.json").path) as? [String: Any] ?? [:]
        }

        func url(_ name: String) -> URL { dir.appendingPathComponent(name) }
        func expected(_ name: String) -> [[String?]] { Interop.columns(values[url(name).path] as Any) }
        func cleanup() { Interop.cleanup(dir) }
    }

    /// Checks `file` reads with `expected` in ParquetReader and in pyarrow.
    func expectBothRead(_ file: URL, _ expected: [[String?]], pyarrow: Bool = true, _ note: String) throws {
        let ours = try Interop.canonicalColumns(try ParquetReader(url: file))
        if let difference = Interop.difference(ours, expected) { Issue.record("\(note): ParquetReader: \(difference)") }
        guard pyarrow else { return }
        let out = file.deletingPathExtension().appendingPathExtension("json").path
        try Interop.python("parquet_dump.py", ["pyarrow", file.path, out])
        if let difference = Interop.difference(Interop.columns(try Interop.json(out)), expected) {
            Issue.record("\(note): pyarrow: \(difference)")
        }
    }

    static func hadoopLZ4(blockSize: Int) -> PageRewriter {
        PageRewriter(codec: .lz4) { try LZ4.compressHadoop($0, blockSize: blockSize) }
    }

    @Test("legacy LZ4 (Hadoop framing, several blocks per page, and raw-block fallback)", arguments: ["src_v1.parquet", "src_v2.parquet"])
    func legacyLZ4(source: String) throws {
        let s = try Sources()
        defer { s.cleanup() }
        for blockSize in [64, 1 << 20] {
            let file = s.dir.appendingPathComponent("lz4-\(blockSize)-\(source)")
            try Self.hadoopLZ4(blockSize: blockSize).rewrite(s.url(source), to: file)
            try expectBothRead(file, s.expected(source), "\(source) hadoop blocks of \(blockSize)")
            let metadata = try ParquetReader(url: file).metadata
            #expect(metadata.rowGroups[0].columns[0].codec == "LZ4")
        }
        // Early parquet-cpp wrote one raw LZ4 block under the same codec id.
        let raw = s.dir.appendingPathComponent("lz4-raw-\(source)")
        try PageRewriter(codec: .lz4) { try LZ4.compress($0) }.rewrite(s.url(source), to: raw)
        try expectBothRead(raw, s.expected(source), pyarrow: false, "\(source) raw block under LZ4")
    }

    @Test("Spark 3.5 v2 pages: all-null pages whose compressed values are empty; is_compressed false")
    func sparkV2() throws {
        let s = try Sources()
        defer { s.cleanup() }
        var spark = PageRewriter(codec: .snappy) { Snappy.compress($0) }
        spark.transform = { page, _ in
            guard var v2 = page.header.dataPageV2, v2.numNulls == v2.numValues, v2.numValues > 0 else { return [page] }
            var p = page
            p.body = Array(page.body[..<Int(v2.definitionLevelsByteLength)])
            p.stored = []
            v2.isCompressed = true
            p.header.dataPageV2 = v2
            return [p]
        }
        let file = s.dir.appendingPathComponent("spark.parquet")
        try spark.rewrite(s.url("src_v2.parquet"), to: file)
        try expectBothRead(file, s.expected("src_v2.parquet"), "spark empty v2 bodies")

        var uncompressedFlag = PageRewriter(codec: .zstd) { try Zstd.compress($0) }
        uncompressedFlag.transform = { page, column in
            guard var v2 = page.header.dataPageV2, column % 2 == 0 else { return [page] }
            v2.isCompressed = false
            var p = page
            p.header.dataPageV2 = v2
            return [p]
        }
        let mixed = s.dir.appendingPathComponent("v2-not-compressed.parquet")
        try uncompressedFlag.rewrite(s.url("src_v2.parquet"), to: mixed)
        try expectBothRead(mixed, s.expected("src_v2.parquet"), "v2 is_compressed=false under zstd")
    }

    @Test("empty data pages (v1 and v2) between real ones", arguments: ["src_v1.parquet", "src_v2.parquet"])
    func emptyPages(source: String) throws {
        let s = try Sources()
        defer { s.cleanup() }
        var rewriter = PageRewriter(codec: .gzip) { try Gzip.compress($0) }
        rewriter.transform = { page, _ in
            var empty = page
            if var v1 = page.header.dataPage {
                v1.numValues = 0
                empty.header.dataPage = v1
                empty.body = []
            } else if var v2 = page.header.dataPageV2 {
                v2.numValues = 0
                v2.numNulls = 0
                v2.numRows = 0
                v2.definitionLevelsByteLength = 0
                empty.header.dataPageV2 = v2
                empty.body = []
                empty.stored = []
            } else {
                return [page]
            }
            return [empty, page]
        }
        let file = s.dir.appendingPathComponent("empty-pages-\(source)")
        try rewriter.rewrite(s.url(source), to: file)
        try expectBothRead(file, s.expected(source), pyarrow: false, "\(source) with empty pages")
    }

    @Test("old parquet-mr chunk sizes that fall a few bytes short are tolerated, as pyarrow does")
    func shortChunkSizes() throws {
        let s = try Sources()
        defer { s.cleanup() }
        var rewriter = PageRewriter(codec: .snappy) { Snappy.compress($0) }
        rewriter.createdBy = "parquet-mr version 1.2.8 (build 0123456789abcdef)"
        rewriter.chunkSizeAdjustment = -20
        let file = s.dir.appendingPathComponent("short.parquet")
        try rewriter.rewrite(s.url("src_v1.parquet"), to: file)
        try expectBothRead(file, s.expected("src_v1.parquet"), "chunks declared 20 bytes short")

        rewriter.chunkSizeAdjustment = -400
        let tooShort = s.dir.appendingPathComponent("too-short.parquet")
        try rewriter.rewrite(s.url("src_v1.parquet"), to: tooShort)
        let error = ParquetRobustnessTests.readAll(try [UInt8](Data(contentsOf: tooShort)), at: tooShort) as? FormatError
        #expect(error?.code == .truncated || error?.code == .corrupt, "\(String(describing: error))")
    }

    @Test("decimals stored as BYTE_ARRAY, of precision 9, 18 and 30")
    func byteArrayDecimals() throws {
        let s = try Sources()
        defer { s.cleanup() }
        var rewriter = PageRewriter(codec: .uncompressed) { $0 }
        let declared: [String: (Int32, Int32)] = ["dec9": (9, 2), "dec18": (18, 4), "dec30": (30, 5)]
        rewriter.schema = { elements in
            for i in elements.indices {
                guard let (p, scale) = declared[elements[i].name] else { continue }
                elements[i].convertedType = ParquetThrift.ConvertedType.decimal.rawValue
                elements[i].precision = p
                elements[i].scale = scale
                elements[i].logicalType = .decimal(scale: scale, precision: p)
            }
        }
        let file = s.dir.appendingPathComponent("byte-decimals.parquet")
        try rewriter.rewrite(s.url("src_bytes_decimal.parquet"), to: file)
        let reader = try ParquetReader(url: file)
        #expect(reader.schema.fields.map(\.type) == [
            .decimal(precision: 9, scale: 2), .decimal(precision: 18, scale: 4), .decimal(precision: 30, scale: 5),
        ])
        #expect(reader.metadata.columns.allSatisfy { $0.physicalType == "BYTE_ARRAY" })
        try expectBothRead(file, s.expected("src_bytes_decimal.parquet"), "byte-array decimals")
    }

    @Test("unsupported features are refused by name, never called corrupt")
    func refusals() throws {
        let s = try Sources()
        defer { s.cleanup() }
        let cases = [
            ("refuse_decimal256.parquet", "decimal(50,2)"), ("refuse_brotli.parquet", "BROTLI"),
        ]
        for (name, feature) in cases {
            let url = s.url(name)
            let error = ParquetRobustnessTests.readAll(try [UInt8](Data(contentsOf: url)), at: url) as? FormatError
            #expect(error?.code == .unsupported, "\(name): \(String(describing: error))")
            #expect(error?.message.contains(feature) == true, "\(name): \(String(describing: error))")
        }
        // An encrypted footer ends in PARE.
        var encrypted = try [UInt8](Data(contentsOf: s.url("src_v1.parquet")))
        encrypted.replaceSubrange((encrypted.count - 4)..., with: Array("PARE".utf8))
        let target = s.dir.appendingPathComponent("encrypted.parquet")
        let error = ParquetRobustnessTests.readAll(encrypted, at: target) as? FormatError
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("encrypted") == true)
    }

    @Test("hostile page sizes are refused before anything is allocated")
    func hostileSizes() throws {
        let s = try Sources()
        defer { s.cleanup() }
        func rewritten(_ codec: ParquetThrift.Codec, _ compress: @escaping ([UInt8]) throws -> [UInt8], _ name: String,
                       _ change: @escaping (inout RawPage) throws -> Void) throws -> FormatError? {
            var rewriter = PageRewriter(codec: codec, compress: compress)
            var done = false
            rewriter.transform = { page, _ in
                guard !done, page.header.dataPage != nil else { return [page] }
                done = true
                var p = page
                try change(&p)
                return [p]
            }
            let file = s.dir.appendingPathComponent(name)
            try rewriter.rewrite(s.url("src_v1.parquet"), to: file)
            return ParquetRobustnessTests.readAll(try [UInt8](Data(contentsOf: file)), at: file) as? FormatError
        }
        let zstd: ([UInt8]) throws -> [UInt8] = { try Zstd.compress($0) }
        // A zstd frame announcing more than the page header: refused from the frame header.
        let bigFrame = try rewritten(.zstd, zstd, "frame.parquet") { p in
            p.stored = try Zstd.compress(p.body + [UInt8](repeating: 0, count: 5000))
        }
        #expect(bigFrame?.code == .corrupt)
        #expect(bigFrame?.message.contains("frame announces") == true, "\(String(describing: bigFrame))")
        // Declared sizes far beyond what the compressed bytes can expand to, or beyond 1 GiB.
        for (codec, compress, size) in [
            (ParquetThrift.Codec.zstd, zstd, Int32(1_500_000_000)), (.zstd, zstd, Int32(900_000_000)),
            (.snappy, { Snappy.compress($0) }, Int32(100_000_000)), (.lz4Raw, { try LZ4.compress($0) }, Int32(50_000_000)),
            (.gzip, { try Gzip.compress($0) }, Int32(Int32.max)),
        ] {
            let error = try rewritten(codec, compress, "huge-\(codec)-\(size).parquet") { p in p.declaredSize = size }
            #expect(error != nil && error?.code != .io, "\(codec) \(size): \(String(describing: error))")
        }
    }

    @Test("a missing codec library names the package to install")
    func missingLibrary() {
        do {
            _ = try SharedLibrary.open(["libzstd-does-not-exist.so.9"], codec: "ZSTD", package: "libzstd1")
            Issue.record("opened a library that does not exist")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.hint?.contains("apt-get install libzstd1") == true)
            #expect(error.message.contains("ZSTD"))
        }
    }
}
