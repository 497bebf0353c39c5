import Foundation

/// Octagon's ObjectMetadata row: one object in one zone.
public struct ObjectRecord: Sendable, Hashable, Codable {
    /// The object's URI (`s3://bucket/key` or `file:///...`): the row's key.
    public var id: String
    public var zone: Zone
    public var key: String
    /// Bucket or root directory holding the zone.
    public var bucket: String
    public var size: Int64
    public var lastModified: Date
    /// When this row was written.
    public var timestamp: Date
    public var contentHash: String
    public var team: String?
    public var dataset: String?
    public var table: String?
    public var pipeline: String?
    /// `raw`, `stage-a` or `stage-b`: which step produced the object.
    public var pipelineStage: String?
    public var executionId: String?
    /// Rows in the object when the step that wrote it knows them (stage-B outputs carry the
    /// Parquet file's row count); the crawler sums them to count a partition without reading files.
    public var rows: Int64?

    public init(
        id: String, zone: Zone, key: String, bucket: String, size: Int64, lastModified: Date, timestamp: Date,
        contentHash: String, team: String? = nil, dataset: String? = nil, table: String? = nil, pipeline: String? = nil,
        pipelineStage: String? = nil, executionId: String? = nil, rows: Int64? = nil
    ) {
        self.id = id
        self.zone = zone
        self.key = key
        self.bucket = bucket
        self.size = size
        self.lastModified = lastModified
        self.timestamp = timestamp
        self.contentHash = contentHash
        self.team = team
        self.dataset = dataset
        self.table = table
        self.pipeline = pipeline
        self.pipelineStage = pipelineStage
        self.executionId = executionId
        self.rows = rows
    }
}

/// Filter for object-metadata queries; nil fields match anything.
public struct ObjectQuery: Sendable, Hashable {
    public var zone: Zone?
    public var dataset: DatasetRef?
    public var keyPrefix: String?
    public var limit: Int?
    public init(zone: Zone? = nil, dataset: DatasetRef? = nil, keyPrefix: String? = nil, limit: Int? = nil) {
        self.zone = zone
        self.dataset = dataset
        self.keyPrefix = keyPrefix
        self.limit = limit
    }
}
