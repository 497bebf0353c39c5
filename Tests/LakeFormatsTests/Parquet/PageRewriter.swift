import Foundation

@testable import LakeFormats

/// One page of a column chunk as ``PageRewriter`` hands it to a transform: the header and the
/// uncompressed body (for v2 pages: the levels, then the values).
struct RawPage {
    var header: ParquetThrift.PageHeader
    var body: [UInt8]
    /// When set, written verbatim instead of compressing: the values section of a v2 page (how
    /// tests make Spark's empty compressed values), the whole body of other pages.
    var stored: [UInt8]?
    /// When set, the uncompressed size the header declares instead of the body's.
    var declaredSize: Int32?
}

/// Rewrites a Parquet file page by page, to build layouts no installed writer produces: the
/// legacy Hadoop-framed LZ4 codec, Spark's empty v2 bodies, empty pages, old parquet-mr chunk
/// sizes, BYTE_ARRAY decimals, hostile headers. Pages are decompressed with the reader's own
/// code, transformed, compressed again with `compress` and laid out anew; the footer gets the
/// new offsets, sizes and codec (page indexes and pyarrow's ARROW:schema are dropped).
struct PageRewriter {
    var codec: ParquetThrift.Codec
    var compress: ([UInt8]) throws -> [UInt8]
    /// A new `created_by`, if any.
    var createdBy: String?
    /// Bytes to add to (or, negative, take from) every chunk's total_compressed_size.
    var chunkSizeAdjustment: Int64 = 0
    /// Changes to the schema (the root element included).
    var schema: (inout [ParquetThrift.SchemaElement]) -> Void = { _ in }
    /// The pages that replace each page of leaf column `column`.
    var transform: (RawPage, _ column: Int) throws -> [RawPage] = { page, _ in [page] }

    init(codec: ParquetThrift.Codec, compress: @escaping ([UInt8]) throws -> [UInt8]) {
        self.codec = codec
        self.compress = compress
    }

    /// Reads `input` and writes the rewritten file to `output`.
    func rewrite(_ input: URL, to output: URL) throws {
        let file = try [UInt8](Data(contentsOf: input))
        let footerLength = Int(UInt32(littleEndianBytes: Array(file[(file.count - 8)..<(file.count - 4)])))
        let footerStart = file.count - 8 - footerLength
        var reader = ThriftCompactReader(Array(file[footerStart..<(file.count - 8)]))
        var footer = try ParquetThrift.FileMetaData(from: &reader)
        var out = Array("PAR1".utf8)
        for g in footer.rowGroups.indices {
            let groupStart = Int64(out.count)
            for c in footer.rowGroups[g].columns.indices {
                guard var meta = footer.rowGroups[g].columns[c].metaData else { continue }
                let sourceCodec = ParquetThrift.Codec(rawValue: meta.codec) ?? .uncompressed
                var start = meta.dataPageOffset
                if let dict = meta.dictionaryPageOffset, dict >= 4, dict < start { start = dict }
                let chunk = Array(file[Int(start)..<Int(start + meta.totalCompressedSize)])
                let chunkStart = Int64(out.count)
                meta.dictionaryPageOffset = nil
                meta.dataPageOffset = chunkStart
                var firstData = true
                var uncompressed: Int64 = 0
                for page in try Self.pages(chunk, codec: sourceCodec) {
                    for newPage in try transform(page, c) {
                        let at = Int64(out.count)
                        let bytes = try encode(newPage)
                        uncompressed += Int64(bytes.count - Int(newPage.header.compressedPageSize) + Int(newPage.header.uncompressedPageSize))
                        if newPage.header.type == ParquetThrift.PageType.dictionaryPage.rawValue {
                            meta.dictionaryPageOffset = at
                        } else if firstData {
                            meta.dataPageOffset = at
                            firstData = false
                        }
                        out += bytes
                    }
                }
                meta.codec = codec.rawValue
                meta.totalCompressedSize = Int64(out.count) - chunkStart + chunkSizeAdjustment
                meta.totalUncompressedSize = uncompressed
                footer.rowGroups[g].columns[c] = ParquetThrift.ColumnChunk(fileOffset: chunkStart, metaData: meta)
            }
            footer.rowGroups[g].fileOffset = groupStart
            footer.rowGroups[g].totalCompressedSize = Int64(out.count) - groupStart
        }
        if let createdBy { footer.createdBy = createdBy }
        footer.keyValueMetadata = footer.keyValueMetadata?.filter { $0.key != "ARROW:schema" }
        schema(&footer.schema)
        let footerBytes = footer.serialized()
        out += footerBytes
        out += withUnsafeBytes(of: UInt32(footerBytes.count).littleEndian) { Array($0) }
        out += Array("PAR1".utf8)
        try Data(out).write(to: output)
    }

    /// The header (sizes filled in) and compressed body of a page.
    func encode(_ page: RawPage) throws -> [UInt8] {
        var header = page.header
        var stored: [UInt8]
        if let v2 = header.dataPageV2 {
            let levels = Int(v2.definitionLevelsByteLength + v2.repetitionLevelsByteLength)
            let values = Array(page.body[levels...])
            stored = Array(page.body[..<levels])
            if let verbatim = page.stored {
                stored += verbatim
            } else {
                stored += v2.isCompressed && codec != .uncompressed ? try compress(values) : values
            }
        } else if let verbatim = page.stored {
            stored = verbatim
        } else {
            stored = codec == .uncompressed ? page.body : try compress(page.body)
        }
        header.uncompressedPageSize = page.declaredSize ?? Int32(page.body.count)
        header.compressedPageSize = Int32(stored.count)
        return header.serialized() + stored
    }

    /// The pages of a chunk, decompressed with the reader's code.
    static func pages(_ chunk: [UInt8], codec: ParquetThrift.Codec) throws -> [RawPage] {
        var pages: [RawPage] = []
        var pos = 0
        while pos < chunk.count {
            var reader = ThriftCompactReader(chunk, start: pos)
            let header = try ParquetThrift.PageHeader(from: &reader)
            let start = reader.position
            let size = Int(header.compressedPageSize)
            let expanded = Int(header.uncompressedPageSize)
            var body: [UInt8]
            if let v2 = header.dataPageV2 {
                let levels = Int(v2.definitionLevelsByteLength + v2.repetitionLevelsByteLength)
                body = Array(chunk[start..<(start + levels)])
                body += v2.isCompressed
                    ? try PageDecompression.decompress(chunk, start + levels, size - levels, expanded - levels, codec: codec)
                    : Array(chunk[(start + levels)..<(start + size)])
            } else {
                body = try PageDecompression.decompress(chunk, start, size, expanded, codec: codec)
            }
            pages.append(RawPage(header: header, body: body))
            pos = start + size
        }
        return pages
    }
}
