import Foundation

/// A catalog database: `<org>_<app>_<env>_<team>_<dataset>_db`.
public struct CatalogDatabase: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var createdAt: Date
    public init(name: String, description: String? = nil, createdAt: Date) {
        self.name = name
        self.description = description
        self.createdAt = createdAt
    }
    /// The database name for a dataset, SDLF style.
    public static func name(org: String, app: String, environment: String, dataset: DatasetRef) -> String {
        teamPrefix(org: org, app: app, environment: environment, team: dataset.team) + normalized([dataset.dataset, "db"])
    }

    /// What the names of every database of one lake start with, `<org>_<app>_<env>_` (a Glue
    /// catalog is shared by every lake and environment of an account).
    public static func lakePrefix(org: String, app: String, environment: String) -> String {
        normalized([org, app, environment]) + "_"
    }

    /// What the names of a team's databases start with, `<org>_<app>_<env>_<team>_` (a team's
    /// permissions boundary allows its databases by this prefix).
    public static func teamPrefix(org: String, app: String, environment: String, team: String) -> String {
        normalized([org, app, environment, team]) + "_"
    }

    private static func normalized(_ parts: [String]) -> String {
        parts.map { $0.lowercased().replacingOccurrences(of: "-", with: "_") }.joined(separator: "_")
    }
}

/// A column as the catalog records it.
public struct CatalogColumn: Sendable, Hashable, Codable {
    public var name: String
    /// Hive/Glue type: `bigint`, `string`, `timestamp`, `decimal(12,2)`...
    public var type: String
    /// Parquet physical/logical type as written, e.g. `INT64`, `BYTE_ARRAY/STRING`.
    public var parquetType: String?
    public var nullable: Bool
    public var comment: String?
    public init(name: String, type: String, parquetType: String? = nil, nullable: Bool = true, comment: String? = nil) {
        self.name = name
        self.type = type
        self.parquetType = parquetType
        self.nullable = nullable
        self.comment = comment
    }
}

/// Storage format of a table's files.
public enum TableFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case parquet, json, csv
}

/// A catalog table.
public struct CatalogTable: Sendable, Hashable, Codable {
    public var database: String
    public var name: String
    public var columns: [CatalogColumn]
    public var partitionKeys: [CatalogColumn]
    /// Where the files are: `s3://bucket/prefix/` or `file:///.../`.
    public var location: String
    public var format: TableFormat
    public var classification: String
    /// e.g. `recordCount`, `sizeKey`, `schemaVersion`.
    public var parameters: [String: String]
    /// Increases by one whenever the columns change.
    public var schemaVersion: Int
    public var createdAt: Date
    public var updatedAt: Date
    public init(
        database: String, name: String, columns: [CatalogColumn], partitionKeys: [CatalogColumn] = [], location: String,
        format: TableFormat = .parquet, classification: String? = nil, parameters: [String: String] = [:], schemaVersion: Int = 1,
        createdAt: Date, updatedAt: Date
    ) {
        self.database = database
        self.name = name
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.location = location
        self.format = format
        self.classification = classification ?? format.rawValue
        self.parameters = parameters
        self.schemaVersion = schemaVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One recorded schema of a table.
public struct SchemaVersionRecord: Sendable, Hashable, Codable {
    public var version: Int
    public var columns: [CatalogColumn]
    public var createdAt: Date
    /// What changed, e.g. `added column x (bigint); widened y int -> bigint`.
    public var change: String
    public init(version: Int, columns: [CatalogColumn], createdAt: Date, change: String) {
        self.version = version
        self.columns = columns
        self.createdAt = createdAt
        self.change = change
    }
}

/// A partition of a catalog table.
public struct CatalogPartition: Sendable, Hashable, Codable {
    /// One value per partition key, in key order.
    public var values: [String]
    public var location: String
    public var fileCount: Int
    public var rowCount: Int64
    public var sizeBytes: Int64
    public var createdAt: Date
    public var updatedAt: Date
    public init(values: [String], location: String, fileCount: Int = 0, rowCount: Int64 = 0, sizeBytes: Int64 = 0, createdAt: Date, updatedAt: Date) {
        self.values = values
        self.location = location
        self.fileCount = fileCount
        self.rowCount = rowCount
        self.sizeBytes = sizeBytes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One page of partitions.
public struct PartitionPage: Sendable {
    public var partitions: [CatalogPartition]
    public var nextToken: String?
    public init(partitions: [CatalogPartition], nextToken: String?) {
        self.partitions = partitions
        self.nextToken = nextToken
    }
}
