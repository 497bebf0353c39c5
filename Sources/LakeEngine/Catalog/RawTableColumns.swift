import Foundation
import LakeCore
import LakeFormats

/// The columns of a raw table the partition job registers: the table's explicit schema in
/// lake.yaml, else inferred from one file of one of its partitions (Parquet: the footer; JSON
/// and CSV: the formats library's schema inference on a sample). Text formats are read by
/// Hive SerDes that accept only `yyyy-MM-dd HH:mm:ss` timestamps, so an inferred timestamp
/// column is registered as `string`; nested JSON values become `string` columns (JSON text).
struct RawTableColumns: Sendable {
    /// The columns and where they came from.
    var columns: [CatalogColumn]
    var source: String
    /// Table parameters the format needs (`skip.header.line.count` for CSV with a header).
    var parameters: [String: String]

    /// Columns for `table` of `dataset`, excluding its partition keys. Returns nil when there
    /// is no explicit schema and no file to infer from.
    static func resolve(
        table: TableConfig, format: TableFormat, sampleUnder prefix: String?, keys: [String], objects: any ObjectStore, scratch: URL
    ) async throws -> RawTableColumns? {
        var result: RawTableColumns
        if !table.schema.isEmpty {
            result = RawTableColumns(
                columns: table.schema.map { spec in
                    let type = ColumnType(parsing: spec.type).map { hiveType($0, format: format) } ?? "string"
                    return CatalogColumn(name: spec.name, type: type, nullable: spec.nullable)
                },
                source: "lake.yaml schema", parameters: [:])
        } else {
            guard let prefix, let sample = try await objects.list(zone: .raw, prefix: prefix, after: nil, limit: 1).objects.first else {
                return nil
            }
            result = try await infer(sample.location, format: format, objects: objects, scratch: scratch)
        }
        result.columns.removeAll { keys.contains($0.name.lowercased()) }
        return result
    }

    /// Infers the columns of one raw object.
    static func infer(_ location: ObjectLocation, format: TableFormat, objects: any ObjectStore, scratch: URL) async throws -> RawTableColumns {
        if format == .parquet {
            let footer = try await ParquetFooter.read(location, objects: objects, scratch: scratch)
            return RawTableColumns(columns: footer.columns, source: "inferred from \(location.key)", parameters: [:])
        }
        return try await ScratchFile.withLocalCopy(of: location, objects: objects, scratch: scratch) { file in
            try inferText(file, location: location, format: format)
        }
    }

    /// Columns inferred from a local CSV or JSON file.
    private static func inferText(_ file: URL, location: ObjectLocation, format: TableFormat) throws -> RawTableColumns {
        var json = JSONOptions()
        json.nested = .keepAsJSON
        let inferred: InferredSchema
        do {
            inferred = try SchemaInference.infer(url: file, format: format == .csv ? .csv : .json, json: json)
        } catch {
            throw LakeError(
                .format, "cannot infer the columns of raw table file \(location.key): \(error.message)",
                hint: "declare the table's schema in lake.yaml (tables.<table>.schema), or fix the file",
                context: ["key": location.key.rawValue])
        }
        var parameters: [String: String] = [:]
        if format == .csv {
            if inferred.hasHeader == true { parameters["skip.header.line.count"] = "1" }
            if let delimiter = inferred.delimiter { parameters["delimiter"] = String(UnicodeScalar(delimiter)) }
        }
        return RawTableColumns(
            columns: inferred.schema.fields.map { CatalogColumn(name: $0.name, type: hiveType($0.type, format: format)) },
            source: "inferred from \(location.key)", parameters: parameters)
    }

    /// The Hive type for a column of a file in `format`.
    static func hiveType(_ type: ColumnType, format: TableFormat) -> String {
        if format != .parquet, case .timestamp = type { return "string" }
        return type.hiveType
    }
}
