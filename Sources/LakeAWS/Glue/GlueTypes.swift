import Foundation

/// A Glue column.
public struct GlueColumn: Codable, Sendable, Hashable {
    /// Column name.
    public var name: String
    /// Hive type: `bigint`, `string`, `decimal(12,2)`...
    public var type: String?
    /// Free text.
    public var comment: String?
    /// Extra properties.
    public var parameters: [String: String]?

    /// Creates a column.
    public init(name: String, type: String?, comment: String? = nil, parameters: [String: String]? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", type = "Type", comment = "Comment", parameters = "Parameters"
    }
}

/// How rows are serialised.
public struct GlueSerDeInfo: Codable, Sendable, Hashable {
    /// The SerDe class.
    public var serializationLibrary: String?
    /// SerDe properties.
    public var parameters: [String: String]?

    /// Creates a SerDe description.
    public init(serializationLibrary: String?, parameters: [String: String]? = nil) {
        self.serializationLibrary = serializationLibrary
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case serializationLibrary = "SerializationLibrary", parameters = "Parameters"
    }
}

/// Where and how a table's or partition's files are stored.
public struct GlueStorageDescriptor: Codable, Sendable, Hashable {
    /// Data columns.
    public var columns: [GlueColumn]?
    /// `s3://bucket/prefix/`.
    public var location: String?
    /// Hadoop input format class.
    public var inputFormat: String?
    /// Hadoop output format class.
    public var outputFormat: String?
    /// Whether the files are compressed.
    public var compressed: Bool?
    /// The SerDe.
    public var serdeInfo: GlueSerDeInfo?
    /// Extra properties.
    public var parameters: [String: String]?

    /// Creates a storage descriptor.
    public init(
        columns: [GlueColumn]? = nil, location: String? = nil, inputFormat: String? = nil, outputFormat: String? = nil,
        compressed: Bool? = nil, serdeInfo: GlueSerDeInfo? = nil, parameters: [String: String]? = nil
    ) {
        self.columns = columns
        self.location = location
        self.inputFormat = inputFormat
        self.outputFormat = outputFormat
        self.compressed = compressed
        self.serdeInfo = serdeInfo
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case columns = "Columns", location = "Location", inputFormat = "InputFormat", outputFormat = "OutputFormat"
        case compressed = "Compressed", serdeInfo = "SerdeInfo", parameters = "Parameters"
    }
}

/// A table as CreateTable and UpdateTable take it.
public struct GlueTableInput: Codable, Sendable, Hashable {
    /// Table name.
    public var name: String
    /// Free text.
    public var description: String?
    /// Files, columns and format.
    public var storageDescriptor: GlueStorageDescriptor?
    /// Partition columns.
    public var partitionKeys: [GlueColumn]?
    /// `EXTERNAL_TABLE`.
    public var tableType: String?
    /// Table properties (`classification`...).
    public var parameters: [String: String]?

    /// Creates a table input.
    public init(
        name: String, description: String? = nil, storageDescriptor: GlueStorageDescriptor?, partitionKeys: [GlueColumn]?,
        tableType: String? = "EXTERNAL_TABLE", parameters: [String: String]?
    ) {
        self.name = name
        self.description = description
        self.storageDescriptor = storageDescriptor
        self.partitionKeys = partitionKeys
        self.tableType = tableType
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", description = "Description", storageDescriptor = "StorageDescriptor"
        case partitionKeys = "PartitionKeys", tableType = "TableType", parameters = "Parameters"
    }
}

/// A table as GetTable answers.
public struct GlueTable: Codable, Sendable, Hashable {
    /// The table's definition.
    public var input: GlueTableInput
    /// Its database.
    public var databaseName: String?
    /// When Glue created it.
    public var createTime: Date?
    /// When Glue last updated it.
    public var updateTime: Date?
    /// Glue's version id of this definition.
    public var versionId: String?

    enum CodingKeys: String, CodingKey {
        case databaseName = "DatabaseName", createTime = "CreateTime", updateTime = "UpdateTime", versionId = "VersionId"
    }

    /// Decodes the table's fields.
    public init(from decoder: any Decoder) throws {
        input = try GlueTableInput(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        databaseName = try container.decodeIfPresent(String.self, forKey: .databaseName)
        createTime = try? container.decodeIfPresent(Date.self, forKey: .createTime)
        updateTime = try? container.decodeIfPresent(Date.self, forKey: .updateTime)
        versionId = try container.decodeIfPresent(String.self, forKey: .versionId)
    }

    /// Encodes the table's fields.
    public func encode(to encoder: any Encoder) throws {
        try input.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(databaseName, forKey: .databaseName)
        try container.encodeIfPresent(versionId, forKey: .versionId)
    }
}

/// A Glue database.
public struct GlueDatabase: Codable, Sendable, Hashable {
    /// Database name.
    public var name: String
    /// Free text.
    public var description: String?
    /// Properties.
    public var parameters: [String: String]?
    /// When Glue created it.
    public var createTime: Date?

    /// Creates a database description.
    public init(name: String, description: String? = nil, parameters: [String: String]? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", description = "Description", parameters = "Parameters", createTime = "CreateTime"
    }

    /// Decodes, tolerating a create time Glue formats differently.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        parameters = try container.decodeIfPresent([String: String].self, forKey: .parameters)
        createTime = try? container.decodeIfPresent(Date.self, forKey: .createTime)
    }
}

/// A partition as BatchCreatePartition takes it and GetPartitions answers.
public struct GluePartition: Codable, Sendable, Hashable {
    /// One value per partition key.
    public var values: [String]
    /// Location and format.
    public var storageDescriptor: GlueStorageDescriptor?
    /// Properties (`numFiles`, `numRows`, `totalSize`...).
    public var parameters: [String: String]?

    /// Creates a partition.
    public init(values: [String], storageDescriptor: GlueStorageDescriptor?, parameters: [String: String]?) {
        self.values = values
        self.storageDescriptor = storageDescriptor
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case values = "Values", storageDescriptor = "StorageDescriptor", parameters = "Parameters"
    }
}

/// A partition a batch call could not write.
public struct GluePartitionError: Sendable, Hashable {
    /// Its values.
    public var values: [String]
    /// The AWS error code, e.g. `AlreadyExistsException`.
    public var code: String
    /// The message.
    public var message: String
}
