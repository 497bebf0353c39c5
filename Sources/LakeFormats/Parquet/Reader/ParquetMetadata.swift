/// A Parquet file's footer as SwiftLake presents it (`lake parquet-meta`): schema, row groups,
/// column chunks and their statistics. Codable for `--json`; `Value`s ride along for callers
/// but only the display strings are encoded.
public struct ParquetMetadata: Codable, Sendable, Hashable {
    /// Rows in the file.
    public var numRows: Int64
    /// The writer, e.g. `parquet-cpp-arrow version 26.0.1`.
    public var createdBy: String?
    /// FileMetaData.version.
    public var version: Int32
    /// Footer key-value pairs, in file order.
    public var keyValue: [KeyValue]
    /// One entry per leaf column (a nested field has one per primitive under it).
    public var columns: [ColumnDescriptor]
    /// The row groups, in file order.
    public var rowGroups: [RowGroup]

    /// One footer key-value pair.
    public struct KeyValue: Codable, Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value, when set.
        public var value: String?
    }

    /// A leaf column of the schema.
    public struct ColumnDescriptor: Codable, Sendable, Hashable {
        /// Column name; for a leaf of a nested field its dotted path (`orders.list.element.sku`).
        public var name: String
        /// The SwiftLake type it reads as, e.g. `timestamp[us]`.
        public var type: String
        /// Parquet physical type, e.g. `INT64`.
        public var physicalType: String
        /// Parquet logical type, e.g. `TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)`.
        public var logicalType: String?
        /// Legacy converted type, e.g. `TIMESTAMP_MICROS`.
        public var convertedType: String?
        /// `REQUIRED`, `OPTIONAL` or `REPEATED`.
        public var repetition: String
        /// FIXED_LEN_BYTE_ARRAY length.
        public var typeLength: Int32?
    }

    /// One row group.
    public struct RowGroup: Codable, Sendable, Hashable {
        /// Rows in the group.
        public var numRows: Int64
        /// Uncompressed bytes of its column data.
        public var totalByteSize: Int64
        /// Compressed bytes of its column data, when the writer recorded it.
        public var totalCompressedSize: Int64?
        /// Its column chunks, in schema order.
        public var columns: [ColumnChunk]
    }

    /// One column chunk of a row group.
    public struct ColumnChunk: Codable, Sendable, Hashable {
        /// Dotted path of the column.
        public var path: String
        /// Parquet physical type.
        public var physicalType: String
        /// Logical type (see ``ColumnDescriptor/logicalType``).
        public var logicalType: String?
        /// Compression codec, e.g. `SNAPPY`.
        public var codec: String
        /// Every encoding used, e.g. `["PLAIN", "RLE", "RLE_DICTIONARY"]`.
        public var encodings: [String]
        /// Values, nulls included.
        public var numValues: Int64
        /// Bytes as stored, page headers included.
        public var compressedSize: Int64
        /// Bytes before compression, page headers included.
        public var uncompressedSize: Int64
        /// Offset of the first data page.
        public var dataPageOffset: Int64
        /// Offset of the dictionary page, if any.
        public var dictionaryPageOffset: Int64?
        /// Chunk statistics, if written.
        public var statistics: Statistics?
    }

    /// Column chunk statistics.
    public struct Statistics: Codable, Sendable, Hashable {
        /// Minimum as display text (timestamps ISO 8601, decimals exact, binary base64).
        public var min: String?
        /// Maximum as display text.
        public var max: String?
        /// Nulls in the chunk, when recorded.
        public var nullCount: Int64?
        /// Distinct values, when recorded.
        public var distinctCount: Int64?
        /// Minimum as a value (not encoded in JSON).
        public var minValue: Value? = nil
        /// Maximum as a value (not encoded in JSON).
        public var maxValue: Value? = nil

        enum CodingKeys: String, CodingKey {
            case min, max, nullCount, distinctCount
        }
    }
}
