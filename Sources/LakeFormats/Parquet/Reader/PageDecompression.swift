/// Expands one compressed page body to the size its header declares, for every codec the
/// reader supports: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW and the legacy Hadoop-framed LZ4.
///
/// The declared size is checked before anything is allocated: never above
/// ``maxPageBytes`` and never above what the codec can expand `size` bytes to, so a hostile
/// header cannot make the reader allocate gigabytes.
enum PageDecompression {
    /// The largest uncompressed page the reader accepts (1 GiB).
    static let maxPageBytes = 1 << 30

    /// The most bytes `codec` can expand `size` compressed bytes to (with a little slack).
    static func expansionBound(_ codec: ParquetThrift.Codec, size: Int) -> Int {
        let ratio: Int
        switch codec {
        case .uncompressed: return size
        case .snappy: ratio = 24  // a 3-byte copy element makes at most 64 bytes
        case .gzip: ratio = 1100  // deflate's limit is 1032:1
        case .zstd: ratio = 32_768  // an RLE block: 4 bytes for 128 KiB
        case .lz4, .lz4Raw: ratio = 256  // each extra length byte adds 255
        case .lzo, .brotli: ratio = 4096
        }
        let (product, overflow) = size.multipliedReportingOverflow(by: ratio)
        return overflow ? Int.max : product + 1024
    }

    /// Decompresses `chunk[start..<start + size]` into exactly `expanded` bytes.
    static func decompress(
        _ chunk: [UInt8], _ start: Int, _ size: Int, _ expanded: Int, codec: ParquetThrift.Codec
    ) throws -> [UInt8] {
        guard expanded >= 0 else { throw FormatError.corrupt("negative uncompressed page size") }
        guard start >= 0, size >= 0, size <= chunk.count - start else {
            throw FormatError.corrupt("page of \(size) bytes runs past the column chunk")
        }
        guard expanded <= maxPageBytes else {
            throw FormatError.unsupported(
                "a page declares \(expanded) uncompressed bytes, more than the \(maxPageBytes)-byte limit")
        }
        guard expanded <= expansionBound(codec, size: size) else {
            throw FormatError.corrupt(
                "page claims \(expanded) uncompressed bytes from \(size) \(ParquetThrift.Codec.name(codec.rawValue)) bytes, more than the codec can produce")
        }
        if codec == .uncompressed {
            guard expanded == size else {
                throw FormatError.corrupt("uncompressed page declares \(expanded) bytes but holds \(size)")
            }
            return Array(chunk[start..<(start + size)])
        }
        // An empty body stands for an empty page (some writers skip the codec for it).
        if expanded == 0 && size == 0 { return [] }
        guard size > 0 else {
            throw FormatError.corrupt("page declares \(expanded) uncompressed bytes but has no compressed body")
        }
        return try chunk.withUnsafeBytes { raw in
            let src = UnsafeRawBufferPointer(rebasing: raw[start..<(start + size)])
            // Sizes the compressed data announces itself are checked before allocating.
            switch codec {
            case .snappy:
                let announced = try Snappy.uncompressedLength(src)
                guard announced == expanded else {
                    throw FormatError.corrupt("snappy data announces \(announced) bytes, the page header \(expanded)")
                }
            case .zstd:
                try Zstd.checkFrame(src, expected: expanded)
            case .gzip, .lz4, .lz4Raw: break
            default:
                throw FormatError.unsupported(
                    "compression \(ParquetThrift.Codec.name(codec.rawValue)) is not supported; rewrite the file with snappy, gzip, zstd, lz4_raw or none")
            }
            // Every codec below fills exactly `expanded` bytes or throws, so no zeroing is needed.
            return try [UInt8](unsafeUninitializedCapacity: expanded) { buf, initialized in
                let dst = UnsafeMutableRawBufferPointer(buf)
                switch codec {
                case .snappy: try Snappy.decompress(src, into: dst)
                case .gzip: try Gzip.decompress(src, into: dst)
                case .zstd: try Zstd.decompress(src, into: dst)
                case .lz4Raw: try LZ4.decompress(src, into: dst)
                default: try LZ4.decompressHadoop(src, into: dst)
                }
                initialized = expanded
            }
        }
    }
}
