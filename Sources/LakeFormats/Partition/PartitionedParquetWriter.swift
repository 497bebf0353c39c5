import Foundation

/// Writes the rows of a batch of input files (one table: JSON Lines, JSON, CSV) as Hive-style
/// partitioned Parquet, for the engine's `parquet` heavy transform:
/// `<out>/[k=v/...]/part-<batchId>-<n>.parquet`.
///
/// - Hive convention: value-partition columns live in the path only, not in the files; DuckDB
///   (`read_parquet(..., hive_partitioning=true)`), Athena, Glue and Spark add them back from
///   the path. Calendar partitions (`year/month/day/hour` of a timestamp) keep the source column
///   in the files. Values are escaped as Hive does; null goes to `__HIVE_DEFAULT_PARTITION__`.
/// - Schema: an explicit schema wins; otherwise every input is profiled in full first (a cheap
///   token classification, no conversion), so all files of the batch share one schema, the union
///   of the inputs' columns, without rewrites. A batch is a bounded set of landed files, so this
///   extra read is small; for single large files, ``FormatConverter`` samples instead.
/// - Deterministic: rows are processed in input order, `n` counts files per partition directory
///   from 0, so the same inputs and batch id always give the same names and contents.
/// - Files are written under temporary names and renamed into place once all are complete.
public enum PartitionedParquetWriter {
    /// Writes `inputs` into `directory` (created if needed).
    public static func write(
        inputs: [URL], to directory: URL, options: PartitionedWriteOptions
    ) throws(FormatError) -> PartitionedWriteResult {
        guard !inputs.isEmpty else {
            throw FormatError.at(.emptyInput, "no input files to write", hint: "pass at least one file")
        }
        let schema: Schema
        if let explicit = options.schema { schema = explicit } else { schema = try profileAll(inputs, options) }
        let renderer = try PartitionKeyRenderer(specs: options.partitions, schema: schema)
        let valueColumns = Set(renderer.specs.compactMap { $0.spec.kind == .value ? $0.index : nil })
        let keep = schema.fields.indices.filter { !valueColumns.contains($0) }
        let fileSchema = Schema(keep.map { schema.fields[$0] })
        guard !fileSchema.fields.isEmpty else {
            throw FormatError.at(.invalidOption, "every column is a partition column; nothing is left to store in the files")
        }
        var writerOptions = ParquetWriterOptions(compression: options.compression)
        writerOptions.rowGroupBytes = max(1, options.rowGroupMB ?? 64) << 20
        writerOptions.dictionaryPageLimit = 128 << 10  // as FormatConverter: see ConvertOptions
        var files = PartitionFiles(
            directory: directory, batchId: options.batchId, schema: fileSchema, options: writerOptions,
            maxRows: max(1, options.maxRowsPerFile), maxOpen: max(1, options.maxOpenFiles))
        var skipped = 0
        var padded = 0
        let nulls = NullTokens(options.inference.nullTokens, quotedCanBeNull: options.inference.quotedNullTokens)
        do throws(FormatError) {
            for input in inputs {
                let format = InputFormat.resolve(options.format, url: input)
                let source = try SchemaInference.openSource(url: input, format: format, csv: options.csv, json: options.json)
                let positional = (source as? CSVReader).map { !$0.hasHeader } ?? false
                let pass = ConversionPass(
                    source: source, schema: schema, explicit: true, positional: positional, nulls: nulls, profiler: nil)
                var failure: FormatError?
                pass.run { message in
                    switch message {
                    case .batch(let batch):
                        do throws(FormatError) {
                            try files.append(batch, renderer: renderer, keep: keep)
                        } catch {
                            failure = error
                            return false
                        }
                    case .failed(let e): failure = e
                    case .finished, .widen: break
                    }
                    return true
                }
                if let failure { throw failure }
                skipped += source.rowsSkipped
                padded += source.rowsPadded
            }
            let written = try files.finish()
            return PartitionedWriteResult(
                files: written, fileSchema: fileSchema,
                partitionKeys: renderer.specs.flatMap { s in
                    s.spec.keys.map { Field(name: $0, type: s.spec.kind == .value ? s.type : .string) }
                },
                rows: written.reduce(0) { $0 + $1.rows }, rowsSkipped: skipped, rowsPadded: padded)
        } catch {
            files.abandon()
            throw error
        }
    }

    /// One schema for all inputs: each is profiled in full, profiles merged by column name.
    static func profileAll(_ inputs: [URL], _ options: PartitionedWriteOptions) throws(FormatError) -> Schema {
        var names: [String] = []
        var merged: [String: ColumnProfile] = [:]
        for input in inputs {
            let format = InputFormat.resolve(options.format, url: input)
            let source = try SchemaInference.openSource(url: input, format: format, csv: options.csv, json: options.json)
            var profiler = SchemaProfiler(options: options.inference, quote: source.quote, nested: source.keepsNested)
            while let grid = try source.nextGrid() { profiler.observe(grid, rowLimit: grid.rowCount) }
            for (i, name) in source.columnNames.enumerated() {
                let p = i < profiler.profiles.count ? profiler.profiles[i] : ColumnProfile()
                if var existing = merged[name] {
                    existing.merge(p)
                    merged[name] = existing
                } else {
                    names.append(name)
                    merged[name] = p
                }
            }
        }
        guard !names.isEmpty else {
            throw FormatError.at(.emptyInput, "the inputs have no columns", path: inputs.first?.path)
        }
        return Schema(names.map { Field(name: $0, type: merged[$0]?.resolvedType(options.inference) ?? .string) })
    }
}
