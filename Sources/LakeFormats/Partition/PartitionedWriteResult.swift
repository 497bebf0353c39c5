import Foundation

/// One partition key and its value (nil: null, written as the Hive default partition).
public struct PartitionValue: Sendable, Hashable {
    /// The directory key (`year`, or the column name).
    public var key: String
    /// The unescaped value.
    public var value: String?
}

/// A Parquet file written by ``PartitionedParquetWriter``.
public struct PartitionedFile: Sendable, Hashable {
    /// Path relative to the output directory: `k=v/.../part-<batchId>-<n>.parquet`.
    public var relativePath: String
    /// Absolute location.
    public var url: URL
    /// The partition keys and values of its directory, outermost first.
    public var partitionValues: [PartitionValue]
    /// Rows in the file.
    public var rows: Int64
    /// Size in bytes.
    public var bytes: Int64
    /// Per-column statistics: min, max, null count.
    public var columns: [ParquetFileSummary.ColumnSummary]
}

/// What a partitioned write produced.
public struct PartitionedWriteResult: Sendable, Hashable {
    /// Files written, sorted by relative path.
    public var files: [PartitionedFile]
    /// The schema stored in the files (value-partition columns removed).
    public var fileSchema: Schema
    /// The partition keys in path order and their types (value partitions keep the column's
    /// type; calendar parts are zero-padded strings).
    public var partitionKeys: [Field]
    /// Rows written in all.
    public var rows: Int64
    /// Rows dropped or padded by CSV ragged-row policies.
    public var rowsSkipped: Int
    /// Rows padded or cut by CSV ragged-row policies.
    public var rowsPadded: Int
}
