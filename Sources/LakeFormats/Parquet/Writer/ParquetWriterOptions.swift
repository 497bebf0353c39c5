/// Compression codec for Parquet pages. SNAPPY is the raw block format; GZIP is RFC 1952;
/// ZSTD and LZ4_RAW (the raw LZ4 block, never the legacy Hadoop-framed LZ4) use the system
/// libzstd / liblz4, loaded when first used (see ``Zstd`` and ``LZ4``).
public enum ParquetCompression: String, Sendable, CaseIterable, Codable {
    case none
    case snappy
    case gzip
    case zstd
    case lz4Raw = "lz4_raw"

    var thriftCodec: ParquetThrift.Codec {
        switch self {
        case .none: return .uncompressed
        case .snappy: return .snappy
        case .gzip: return .gzip
        case .zstd: return .zstd
        case .lz4Raw: return .lz4Raw
        }
    }

    /// Throws when the codec's shared library cannot be loaded (an `unsupported` error naming
    /// the package to install); the built-in codecs always succeed.
    public func checkAvailable() throws {
        switch self {
        case .none, .snappy, .gzip: return
        case .zstd: try Zstd.checkAvailable()
        case .lz4Raw: try LZ4.checkAvailable()
        }
    }
}

/// How ``ParquetWriter`` lays out a file. The defaults follow DESIGN §5: snappy, row groups of at
/// most 128 MiB and 1,048,576 rows, pages of about 1 MiB, dictionary encoding with a 1 MiB
/// dictionary page limit.
public struct ParquetWriterOptions: Sendable {
    /// SwiftLake's version, as written in `created_by`.
    public static let swiftLakeVersion = "0.1.0"

    /// `created_by` for a build: `swiftlake version 0.1.0 (build <build>)`.
    public static func createdBy(build: String = "dev") -> String {
        "swiftlake version \(swiftLakeVersion) (build \(build))"
    }

    /// Page compression.
    public var compression: ParquetCompression = .snappy
    /// A row group closes once its encoded pages reach this many bytes.
    public var rowGroupBytes: Int = 128 << 20
    /// A row group closes once it holds this many rows.
    public var rowGroupRows: Int = 1 << 20
    /// A data page closes once its encoded values reach about this many bytes.
    public var pageBytes: Int = 1 << 20
    /// Whether to try dictionary encoding (falls back to PLAIN per row group when it grows).
    public var dictionary: Bool = true
    /// Largest dictionary page, in bytes, before a column falls back to PLAIN.
    public var dictionaryPageLimit: Int = 1 << 20
    /// Extra key-value pairs for the footer (`swiftlake.schema` is always added).
    public var keyValueMetadata: [String: String] = [:]
    /// The `created_by` string.
    public var createdBy: String = ParquetWriterOptions.createdBy()
    /// zlib level for gzip pages (1 fastest ... 9 smallest).
    public var gzipLevel: Int32 = 6
    /// zstd level for zstd pages (1 fastest ... 19 smallest; negative levels are faster still).
    public var zstdLevel: Int32 = Zstd.defaultLevel

    /// Default options; set fields to change them.
    public init(
        compression: ParquetCompression = .snappy, rowGroupBytes: Int = 128 << 20,
        rowGroupRows: Int = 1 << 20, pageBytes: Int = 1 << 20, dictionary: Bool = true,
        dictionaryPageLimit: Int = 1 << 20, keyValueMetadata: [String: String] = [:],
        createdBy: String = ParquetWriterOptions.createdBy()
    ) {
        self.compression = compression
        self.rowGroupBytes = rowGroupBytes
        self.rowGroupRows = rowGroupRows
        self.pageBytes = pageBytes
        self.dictionary = dictionary
        self.dictionaryPageLimit = dictionaryPageLimit
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
    }
}
