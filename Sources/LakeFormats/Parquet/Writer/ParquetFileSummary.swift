/// What ``ParquetWriter/close()`` wrote: sizes, row groups and per-column totals.
public struct ParquetFileSummary: Sendable, Hashable {
    /// Rows in the file.
    public var rows: Int64
    /// Size of the file in bytes.
    public var fileBytes: Int64
    /// Number of row groups.
    public var rowGroups: Int
    /// One entry per column, in schema order.
    public var columns: [ColumnSummary]

    /// Makes a summary.
    public init(rows: Int64, fileBytes: Int64, rowGroups: Int, columns: [ColumnSummary]) {
        self.rows = rows
        self.fileBytes = fileBytes
        self.rowGroups = rowGroups
        self.columns = columns
    }

    /// Totals of one column over the whole file.
    public struct ColumnSummary: Sendable, Hashable {
        /// Column name.
        public var name: String
        /// Column type.
        public var type: ColumnType
        /// Null values in the file.
        public var nullCount: Int64
        /// Smallest non-null value (NaN excluded), nil when every value is null.
        public var min: Value?
        /// Largest non-null value (NaN excluded), nil when every value is null.
        public var max: Value?
        /// Bytes of this column's pages as stored (headers included).
        public var compressedBytes: Int64
        /// Bytes of this column's pages before compression (headers included).
        public var uncompressedBytes: Int64

        /// Makes a column summary.
        public init(
            name: String, type: ColumnType, nullCount: Int64, min: Value?, max: Value?,
            compressedBytes: Int64, uncompressedBytes: Int64
        ) {
            self.name = name
            self.type = type
            self.nullCount = nullCount
            self.min = min
            self.max = max
            self.compressedBytes = compressedBytes
            self.uncompressedBytes = uncompressedBytes
        }
    }
}
