import Foundation
import LakeCore
import LakeFormats

/// Stage B `parquet`: per table, the batch's stage files (JSON Lines, JSON or CSV) become typed,
/// Hive-partitioned Parquet under `<table>/[k=v/...]/part-<batchId>-<n>.parquet`. An explicit
/// table schema in lake.yaml wins over inference; partition columns come from the table's
/// `partition_by`. Names derive from the batch id, so a retried batch overwrites its own files.
///
/// Options: `compression` (snappy, gzip, zstd, lz4_raw, none; default snappy), `row_group_mb`,
/// `max_rows_per_file`, `nested` (`flatten` nested objects to `a.b` columns, `json` text, or
/// `keep` them as struct, list and map columns).
public struct ParquetTransform: LocalHeavyTransform {
    public var compression: ParquetCompression
    public var rowGroupMB: Int?
    public var maxRowsPerFile: Int
    public var nested: JSONOptions.Nested

    /// The options `lake config validate` checks.
    public static let options = [
        TransformOptionSpec("compression", .string, default: "snappy", allowed: ParquetCompression.allCases.map(\.rawValue),
                            summary: "the Parquet compression codec"),
        TransformOptionSpec("row_group_mb", .integer, summary: "target row-group size in MiB (default: the writer's)"),
        TransformOptionSpec("max_rows_per_file", .integer, default: "1048576", summary: "start a new file after this many rows"),
        TransformOptionSpec("nested", .string, default: "flatten", allowed: ["flatten", "json", "keep"],
                            summary: "nested JSON objects and arrays: flatten to a.b columns, JSON text, or keep as struct/list/map columns"),
    ]

    public init(options: TransformOptions) throws {
        let name = try options.string("compression", transform: "parquet") ?? "snappy"
        guard let codec = ParquetCompression(rawValue: name) else {
            throw LakeError(.invalidConfig, "option 'compression' of parquet must be one of \(ParquetCompression.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'", context: ["transform": "parquet"])
        }
        compression = codec
        rowGroupMB = options["row_group_mb"]?.intValue
        maxRowsPerFile = options["max_rows_per_file"]?.intValue ?? (1 << 20)
        switch try options.string("nested", transform: "parquet") ?? "flatten" {
        case "flatten": nested = .flatten
        case "json": nested = .keepAsJSON
        case "keep": nested = .keep
        case let other:
            throw LakeError(.invalidConfig, "option 'nested' of parquet must be flatten, json or keep, not '\(other)'", context: ["transform": "parquet"])
        }
    }

    public func run(_ input: HeavyTransformInput) async throws -> HeavyTransformResult {
        var outputs: [TransformOutput] = []
        var rows: Int64 = 0
        var skipped = 0
        for (table, files) in input.inputsByTable {
            let tableConfig = input.tables[table]
            var options = PartitionedWriteOptions(
                batchId: input.batchId, partitions: try Self.partitions(tableConfig), schema: try Self.schema(tableConfig, table: table),
                compression: compression, rowGroupMB: rowGroupMB, maxRowsPerFile: maxRowsPerFile)
            options.json.nested = nested
            let directory = input.outputDirectory.appendingPathComponent(table)
            let result: PartitionedWriteResult
            do {
                result = try PartitionedParquetWriter.write(inputs: files.map(\.file), to: directory, options: options)
            } catch {
                throw LakeError(
                    .format, "table \(table): \(error.message)", hint: error.hint,
                    context: ["table": table, "dataset": input.dataset.description])
            }
            rows += result.rows
            skipped += result.rowsSkipped
            for file in result.files {
                outputs.append(TransformOutput(table: table, name: file.relativePath, file: file.url, rows: file.rows))
            }
        }
        return HeavyTransformResult(outputs: outputs, details: ["rows": String(rows), "rowsSkipped": String(skipped), "files": String(outputs.count)])
    }

    /// The explicit schema of a table config, if it has one.
    static func schema(_ table: TableConfig?, table name: String) throws -> Schema? {
        guard let specs = table?.schema, !specs.isEmpty else { return nil }
        return Schema(try specs.map { spec in
            guard let type = ColumnType(parsing: spec.type) else {
                throw LakeError(.invalidConfig, "column '\(spec.name)' of table '\(name)' has an unknown type '\(spec.type)'", hint: "use int32, int64, double, string, date, timestamp, decimal(p,s)...")
            }
            return Field(name: spec.name, type: type, nullable: spec.nullable)
        })
    }

    /// lake.yaml's partition specs in the formats library's terms.
    static func partitions(_ table: TableConfig?) throws -> [LakeFormats.PartitionSpec] {
        (table?.partitionBy ?? []).map { spec in
            switch spec {
            case .column(let column): return .value(column)
            case .time(let column, let granularity):
                return .time(column, LakeFormats.PartitionSpec.TimeGranularity(rawValue: granularity.rawValue) ?? .day)
            }
        }
    }
}
