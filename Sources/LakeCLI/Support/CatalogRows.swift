import Foundation
import LakeCore

/// The JSON shapes of `lake catalog ... --json`, which scripts depend on.
enum CatalogRows {
    /// `lake catalog databases`.
    struct Database: Encodable {
        var name: String
        /// `analytics` or `raw` (from the name: raw databases end in `_raw_db`).
        var zone: String
        var description: String?
        var createdAt: Date
        var tables: Int
    }

    /// `lake catalog tables`: one table in brief.
    struct TableSummary: Encodable {
        var database: String
        var name: String
        var format: String
        var location: String
        var schemaVersion: Int
        var columns: Int
        var partitionKeys: [String]
        var recordCount: Int64?
        var sizeBytes: Int64?
        var numFiles: Int?
        var updatedAt: Date

        init(_ t: CatalogTable) {
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
        func encode(to encoder: any Encoder) throws {
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
    struct Table: Encodable {
        var database: String
        var name: String
        var format: String
        var classification: String
        var location: String
        var schemaVersion: Int
        var columns: [CatalogColumn]
        var partitionKeys: [CatalogColumn]
        var parameters: [String: String]
        var partitions: Int
        var createdAt: Date
        var updatedAt: Date

        init(_ t: CatalogTable, partitions: Int) {
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
    struct Partition: Encodable {
        var values: [String]
        /// `k=v/k2=v2` (values as they are, unescaped).
        var name: String
        var location: String
        var fileCount: Int
        var rowCount: Int64
        var sizeBytes: Int64
        var createdAt: Date
        var updatedAt: Date

        init(_ p: CatalogPartition, keys: [String]) {
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
    struct Version: Encodable {
        var version: Int
        var createdAt: Date
        var change: String
        var columns: [CatalogColumn]
    }

    /// `lake catalog ddl --json`.
    struct DDL: Encodable {
        var database: String
        var table: String
        var ddl: String
    }
}
