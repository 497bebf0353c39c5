import Foundation
import LakeCore

extension GlueClient {
    private struct WireError: Decodable {
        struct Detail: Decodable {
            var ErrorCode: String?
            var ErrorMessage: String?
        }
        var PartitionValues: [String]?
        var PartitionValueList: [String]?
        var ErrorDetail: Detail?

        var error: GluePartitionError {
            GluePartitionError(
                values: PartitionValues ?? PartitionValueList ?? [], code: ErrorDetail?.ErrorCode ?? "Unknown",
                message: ErrorDetail?.ErrorMessage ?? "")
        }
    }

    /// Creates up to 100 partitions in one call; returns the ones Glue refused, each with its
    /// error (`AlreadyExistsException` for partitions that exist).
    public func batchCreatePartitions(database: String, table: String, _ partitions: [GluePartition]) async throws -> [GluePartitionError] {
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var PartitionInputList: [GluePartition]
        }
        struct Output: Decodable { var Errors: [WireError]? }
        try GlueClient.checkBatch(partitions.count)
        guard !partitions.isEmpty else { return [] }
        return try await call(
            "BatchCreatePartition", Input(DatabaseName: database, TableName: table, PartitionInputList: partitions),
            as: Output.self
        ).Errors?.map(\.error) ?? []
    }

    /// Replaces up to 100 existing partitions (matched by values) in one call; returns the ones
    /// Glue refused (`EntityNotFoundException` for partitions that do not exist).
    public func batchUpdatePartitions(database: String, table: String, _ partitions: [GluePartition]) async throws -> [GluePartitionError] {
        struct Entry: Encodable {
            var PartitionValueList: [String]
            var PartitionInput: GluePartition
        }
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var Entries: [Entry]
        }
        struct Output: Decodable { var Errors: [WireError]? }
        try GlueClient.checkBatch(partitions.count)
        guard !partitions.isEmpty else { return [] }
        let entries = partitions.map { Entry(PartitionValueList: $0.values, PartitionInput: $0) }
        return try await call(
            "BatchUpdatePartition", Input(DatabaseName: database, TableName: table, Entries: entries), as: Output.self
        ).Errors?.map(\.error) ?? []
    }

    /// The partitions with the given values (up to 1,000), in no particular order; missing
    /// ones are left out.
    public func batchGetPartitions(database: String, table: String, values: [[String]]) async throws -> [GluePartition] {
        struct Key: Encodable { var Values: [String] }
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var PartitionsToGet: [Key]
        }
        struct Output: Decodable { var Partitions: [GluePartition]? }
        guard !values.isEmpty else { return [] }
        return try await call(
            "BatchGetPartition",
            Input(DatabaseName: database, TableName: table, PartitionsToGet: values.map { Key(Values: $0) }), as: Output.self
        ).Partitions ?? []
    }

    /// Replaces one existing partition.
    public func updatePartition(database: String, table: String, _ partition: GluePartition) async throws {
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var PartitionValueList: [String]
            var PartitionInput: GluePartition
        }
        _ = try await call(
            "UpdatePartition",
            Input(DatabaseName: database, TableName: table, PartitionValueList: partition.values, PartitionInput: partition),
            as: AWSEmpty.self)
    }

    /// One page of a table's partitions. Glue may return fewer than `maxResults` with a token;
    /// some emulators ignore `maxResults` and return everything.
    public func partitions(
        database: String, table: String, expression: String? = nil, nextToken: String? = nil, maxResults: Int = 1000
    ) async throws -> (partitions: [GluePartition], nextToken: String?) {
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var Expression: String?
            var NextToken: String?
            var MaxResults: Int
        }
        struct Output: Decodable {
            var Partitions: [GluePartition]?
            var NextToken: String?
        }
        let output = try await call(
            "GetPartitions",
            Input(
                DatabaseName: database, TableName: table, Expression: expression, NextToken: nextToken,
                MaxResults: min(max(maxResults, 1), 1000)),
            as: Output.self)
        return (output.Partitions ?? [], output.NextToken.flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func checkBatch(_ count: Int) throws {
        guard count <= 100 else {
            throw LakeError(.usage, "Glue takes at most 100 partitions per call, got \(count)", hint: "split the batch")
        }
    }
}
