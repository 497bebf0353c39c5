/// Options of ``PartitionedParquetWriter/write(inputs:to:options:)``.
public struct PartitionedWriteOptions: Sendable {
    /// Names the files: `part-<batchId>-<n>.parquet`. The same inputs and batch id give the
    /// same files, so a retried batch overwrites instead of duplicating.
    public var batchId: String
    /// Partition directory levels, outermost first.
    public var partitions: [PartitionSpec]
    /// A schema that wins over inference (columns matched by name).
    public var schema: Schema?
    /// Input format; nil takes it from each file's extension or first byte.
    public var format: InputFormat?
    /// Page compression.
    public var compression: ParquetCompression
    /// Row group size bound in MiB (nil: 64).
    public var rowGroupMB: Int?
    /// A partition's file is closed and the next `n` started after this many rows.
    public var maxRowsPerFile: Int
    /// Most partition files open at once; past it the least recently used is closed (its
    /// partition continues in a new file).
    public var maxOpenFiles: Int
    /// CSV dialect.
    public var csv: CSVOptions
    /// JSON options.
    public var json: JSONOptions
    /// Null tokens and optional types for inference (the sample size is not used: every input
    /// is profiled, see ``PartitionedParquetWriter``).
    public var inference: InferenceOptions

    /// Defaults: snappy, 64 MiB row groups, 1,048,576 rows per file, 32 open files.
    public init(
        batchId: String, partitions: [PartitionSpec] = [], schema: Schema? = nil, format: InputFormat? = nil,
        compression: ParquetCompression = .snappy, rowGroupMB: Int? = nil, maxRowsPerFile: Int = 1 << 20,
        maxOpenFiles: Int = 32, csv: CSVOptions = CSVOptions(), json: JSONOptions = JSONOptions(),
        inference: InferenceOptions = InferenceOptions()
    ) {
        self.batchId = batchId
        self.partitions = partitions
        self.schema = schema
        self.format = format
        self.compression = compression
        self.rowGroupMB = rowGroupMB
        self.maxRowsPerFile = maxRowsPerFile
        self.maxOpenFiles = maxOpenFiles
        self.csv = csv
        self.json = json
        self.inference = inference
    }
}
