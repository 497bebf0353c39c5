import Foundation
import LakeCore

/// How catalog records are stored in Glue: columns with their Parquet type and nullability in
/// column parameters, the format as SerDe and Hadoop formats, and SwiftLake's own fields
/// (schema version and change, creation and update times, the caller's parameter keys) as
/// `swiftlake.*` table parameters.
enum GlueCatalogMapping {
    static let parquetSerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    static let parquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    static let parquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
    static let jsonSerDe = "org.openx.data.jsonserde.JsonSerDe"
    static let csvSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
    static let textInput = "org.apache.hadoop.mapred.TextInputFormat"
    static let textOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    enum Key {
        static let schemaVersion = "swiftlake.schema_version"
        static let schemaChange = "swiftlake.schema_change"
        static let schemaChangedAt = "swiftlake.schema_changed_at"
        static let createdAt = "swiftlake.created_at"
        static let updatedAt = "swiftlake.updated_at"
        static let format = "swiftlake.format"
        static let parameterKeys = "swiftlake.parameter_keys"
        static let parquetType = "swiftlake.parquet_type"
        static let nullable = "swiftlake.nullable"
        static let numFiles = "numFiles"
        static let numRows = "numRows"
        static let totalSize = "totalSize"
    }

    static func glueColumn(_ column: CatalogColumn) -> GlueColumn {
        var parameters: [String: String] = [:]
        if let parquetType = column.parquetType { parameters[Key.parquetType] = parquetType }
        if !column.nullable { parameters[Key.nullable] = "false" }
        return GlueColumn(name: column.name, type: column.type, comment: column.comment, parameters: parameters.isEmpty ? nil : parameters)
    }

    static func catalogColumn(_ column: GlueColumn) -> CatalogColumn {
        CatalogColumn(
            name: column.name, type: column.type ?? "string", parquetType: column.parameters?[Key.parquetType],
            nullable: column.parameters?[Key.nullable] != "false", comment: column.comment)
    }

    static func storage(_ table: CatalogTable) -> GlueStorageDescriptor {
        let serde: GlueSerDeInfo
        let input: String
        let output: String
        switch table.format {
        case .parquet:
            serde = GlueSerDeInfo(serializationLibrary: parquetSerDe, parameters: ["serialization.format": "1"])
            (input, output) = (parquetInput, parquetOutput)
        case .json:
            serde = GlueSerDeInfo(serializationLibrary: jsonSerDe, parameters: ["paths": table.columns.map(\.name).joined(separator: ",")])
            (input, output) = (textInput, textOutput)
        case .csv:
            serde = GlueSerDeInfo(serializationLibrary: csvSerDe, parameters: ["field.delim": ",", "serialization.format": ","])
            (input, output) = (textInput, textOutput)
        }
        return GlueStorageDescriptor(
            columns: table.columns.map(glueColumn), location: table.location, inputFormat: input, outputFormat: output,
            compressed: false, serdeInfo: serde)
    }

    /// The Glue definition of `table`, with the schema fields and times given.
    static func input(
        _ table: CatalogTable, schemaVersion: Int, change: String, changedAt: Date, createdAt: Date
    ) -> GlueTableInput {
        var parameters = table.parameters
        if parameters["classification"] == nil { parameters["classification"] = table.classification }
        parameters[Key.schemaVersion] = String(schemaVersion)
        parameters[Key.schemaChange] = change
        parameters[Key.schemaChangedAt] = AWSDateFormat.formatISO8601(changedAt)
        parameters[Key.createdAt] = AWSDateFormat.formatISO8601(createdAt)
        parameters[Key.updatedAt] = AWSDateFormat.formatISO8601(table.updatedAt)
        parameters[Key.format] = table.format.rawValue
        parameters[Key.parameterKeys] = encodeKeys(table.parameters.keys.sorted())
        return GlueTableInput(
            name: table.name, storageDescriptor: storage(table), partitionKeys: table.partitionKeys.map(glueColumn),
            tableType: "EXTERNAL_TABLE", parameters: parameters)
    }

    /// A catalog table back from its Glue definition.
    static func table(_ glue: GlueTable, database: String) -> CatalogTable {
        let stored = glue.input.parameters ?? [:]
        let userKeys = stored[Key.parameterKeys].flatMap(decodeKeys)
        var parameters = stored.filter { !$0.key.hasPrefix("swiftlake.") }
        if let userKeys { parameters = parameters.filter { userKeys.contains($0.key) } }
        let fallback = glue.updateTime ?? glue.createTime ?? Date(timeIntervalSince1970: 0)
        return CatalogTable(
            database: glue.databaseName ?? database, name: glue.input.name,
            columns: (glue.input.storageDescriptor?.columns ?? []).map(catalogColumn),
            partitionKeys: (glue.input.partitionKeys ?? []).map(catalogColumn), location: glue.input.storageDescriptor?.location ?? "",
            format: stored[Key.format].flatMap(TableFormat.init(rawValue:)) ?? format(of: glue.input.storageDescriptor),
            classification: stored["classification"], parameters: parameters,
            schemaVersion: stored[Key.schemaVersion].flatMap { Int($0) } ?? 1,
            createdAt: stored[Key.createdAt].flatMap(AWSDateFormat.parseISO8601) ?? glue.createTime ?? fallback,
            updatedAt: stored[Key.updatedAt].flatMap(AWSDateFormat.parseISO8601) ?? fallback)
    }

    static func format(of storage: GlueStorageDescriptor?) -> TableFormat {
        switch storage?.serdeInfo?.serializationLibrary {
        case jsonSerDe?, "org.apache.hive.hcatalog.data.JsonSerDe"?: return .json
        case csvSerDe?, "org.apache.hadoop.hive.serde2.OpenCSVSerde"?: return .csv
        default: return .parquet
        }
    }

    /// A partition in Glue: the table's storage at the partition's location, counts in Hive's
    /// parameter names.
    static func partition(_ p: CatalogPartition, tableStorage: GlueStorageDescriptor?, createdAt: Date) -> GluePartition {
        var storage = tableStorage ?? GlueStorageDescriptor()
        storage.location = p.location
        return GluePartition(
            values: p.values, storageDescriptor: storage,
            parameters: [
                Key.numFiles: String(p.fileCount), Key.numRows: String(p.rowCount), Key.totalSize: String(p.sizeBytes),
                Key.createdAt: AWSDateFormat.formatISO8601(createdAt), Key.updatedAt: AWSDateFormat.formatISO8601(p.updatedAt),
            ])
    }

    static func catalogPartition(_ p: GluePartition) -> CatalogPartition {
        let parameters = p.parameters ?? [:]
        let created = parameters[Key.createdAt].flatMap(AWSDateFormat.parseISO8601) ?? Date(timeIntervalSince1970: 0)
        return CatalogPartition(
            values: p.values, location: p.storageDescriptor?.location ?? "", fileCount: parameters[Key.numFiles].flatMap { Int($0) } ?? 0,
            rowCount: parameters[Key.numRows].flatMap { Int64($0) } ?? 0, sizeBytes: parameters[Key.totalSize].flatMap { Int64($0) } ?? 0,
            createdAt: created, updatedAt: parameters[Key.updatedAt].flatMap(AWSDateFormat.parseISO8601) ?? created)
    }

    static func encodeKeys(_ keys: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(keys), as: UTF8.self)) ?? "[]"
    }

    static func decodeKeys(_ text: String) -> Set<String>? {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))).map(Set.init)
    }
}
