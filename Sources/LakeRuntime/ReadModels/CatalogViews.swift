import Foundation
import LakeCore

/// The read models of the table catalog: what `lake catalog ... --json` prints and the HTTP API
/// returns, which scripts depend on.
public enum CatalogViews {
    /// `lake catalog databases`.
    public struct Database: Sendable, Encodable {
        public var name: String
        /// `analytics` or `raw` (from the name: raw databases end in `_raw_db`).
        public var zone: String
        public var description: String?
        public var createdAt: Date
        public var tables: Int
    }

    /// `lake catalog tables`: one table in brief.
    public struct TableSummary: Sendable, Encodable {
        public var database: String
        public var name: String
        public var format: String
        public var location: String
        public var schemaVersion: Int
        public var columns: Int
        public var partitionKeys: [String]
        public var recordCount: Int64?
        public var sizeBytes: Int64?
        public var numFiles: Int?
        public var updatedAt: Date

        public init(_ t: CatalogTable) {
            database = t.database
            name = t.name
            format = t.format.rawValue
            location = t.location
            schemaVersion = t.schemaVersion
            columns = t.columns.count
            partitionKeys = t.partitionKeys.map(\.name)
            recordCount = t.parameters["recordCount"].flatMap { Int64($0) }
            sizeBytes = t.parameters["sizeKey"].flatMap { Int64($0) }
            numFiles = t.parameters["numFiles"].flatMap { Int($0) }
            updatedAt = t.updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case database, name, format, location, schemaVersion, columns, partitionKeys, recordCount, sizeBytes, numFiles, updatedAt
        }

        /// Encodes absent statistics as null rather than leaving the keys out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(database, forKey: .database)
            try c.encode(name, forKey: .name)
            try c.encode(format, forKey: .format)
            try c.encode(location, forKey: .location)
            try c.encode(schemaVersion, forKey: .schemaVersion)
            try c.encode(columns, forKey: .columns)
            try c.encode(partitionKeys, forKey: .partitionKeys)
            try c.encode(recordCount, forKey: .recordCount)
            try c.encode(sizeBytes, forKey: .sizeBytes)
            try c.encode(numFiles, forKey: .numFiles)
            try c.encode(updatedAt, forKey: .updatedAt)
        }
    }

    /// `lake catalog table`: the whole table and its partition count.
    public struct Table: Sendable, Encodable {
        public var database: String
        public var name: String
        public var format: String
        public var classification: String
        public var location: String
        public var schemaVersion: Int
        public var columns: [CatalogColumn]
        public var partitionKeys: [CatalogColumn]
        public var parameters: [String: String]
        public var partitions: Int
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ t: CatalogTable, partitions: Int) {
            database = t.database
            name = t.name
            format = t.format.rawValue
            classification = t.classification
            location = t.location
            schemaVersion = t.schemaVersion
            columns = t.columns
            partitionKeys = t.partitionKeys
            parameters = t.parameters
            self.partitions = partitions
            createdAt = t.createdAt
            updatedAt = t.updatedAt
        }
    }

    /// `lake catalog partitions`: one partition.
    public struct Partition: Sendable, Encodable {
        public var values: [String]
        /// `k=v/k2=v2` (values as they are, unescaped).
        public var name: String
        public var location: String
        public var fileCount: Int
        public var rowCount: Int64
        public var sizeBytes: Int64
        public var createdAt: Date
        public var updatedAt: Date

        public init(_ p: CatalogPartition, keys: [String]) {
            values = p.values
            name = zip(keys, p.values).map { "\($0)=\($1)" }.joined(separator: "/")
            location = p.location
            fileCount = p.fileCount
            rowCount = p.rowCount
            sizeBytes = p.sizeBytes
            createdAt = p.createdAt
            updatedAt = p.updatedAt
        }
    }

    /// `lake catalog history`: one schema version.
    public struct Version: Sendable, Encodable {
        public var version: Int
        public var createdAt: Date
        public var change: String
        public var columns: [CatalogColumn]
    }

    /// `lake catalog ddl --json`.
    public struct DDL: Sendable, Encodable {
        public var database: String
        public var table: String
        public var ddl: String
    }

    /// One table in full: the table, its partitions, schema history and DDL (the API's table
    /// page, and the dashboard's).
    public struct TableDetail: Sendable, Encodable {
        public var table: Table
        public var partitions: [Partition]
        public var history: [Version]
        public var ddl: String
    }
}
