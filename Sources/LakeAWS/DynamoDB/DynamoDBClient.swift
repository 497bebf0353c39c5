import Foundation
import LakeCore

/// The DynamoDB calls SwiftLake needs, over the JSON 1.0 protocol (`DynamoDB_20120810.<Op>`).
public struct DynamoDBClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as output: Output.Type) async throws -> Output {
        try await transport.json(
            .dynamodb, version: .v1_0, targetPrefix: "DynamoDB_20120810", operation: operation, input: input, as: output)
    }

    /// Whether an error is a failed `ConditionExpression`.
    public static func isConditionFailed(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "ConditionalCheckFailedException"
    }

    /// Whether an error is a cancelled transaction (see `cancellationReasons` in its context).
    public static func isTransactionCanceled(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "TransactionCanceledException"
    }

    /// Whether an error says the table (or index) does not exist.
    public static func isMissingResource(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "ResourceNotFoundException"
    }

    // MARK: Tables

    /// Creates a table with on-demand billing. Returns false when it already exists.
    @discardableResult
    public func createTable(_ spec: DynamoTableSpec) async throws -> Bool {
        struct Definition: Encodable {
            var AttributeName: String
            var AttributeType: String
        }
        struct KeyElement: Encodable {
            var AttributeName: String
            var KeyType: String
        }
        struct ProjectionSpec: Encodable { var ProjectionType = "ALL" }
        struct Index: Encodable {
            var IndexName: String
            var KeySchema: [KeyElement]
            var Projection = ProjectionSpec()
        }
        struct Input: Encodable {
            var TableName: String
            var AttributeDefinitions: [Definition]
            var KeySchema: [KeyElement]
            var BillingMode = "PAY_PER_REQUEST"
            var GlobalSecondaryIndexes: [Index]?
        }
        func schema(_ keys: [DynamoKeyElement]) -> [KeyElement] {
            DynamoTableSpec.keySchema(keys).map { KeyElement(AttributeName: $0.name, KeyType: $0.keyType) }
        }
        let input = Input(
            TableName: spec.name,
            AttributeDefinitions: spec.attributeDefinitions.map { Definition(AttributeName: $0.name, AttributeType: $0.type.rawValue) },
            KeySchema: schema(spec.keys),
            GlobalSecondaryIndexes: spec.indexes.isEmpty
                ? nil : spec.indexes.map { Index(IndexName: $0.name, KeySchema: schema($0.keys)) })
        do {
            _ = try await call("CreateTable", input, as: AWSEmpty.self)
            return true
        } catch let error as LakeError where error.awsCode == "ResourceInUseException" {
            return false
        }
    }

    /// DescribeTable, or nil when the table does not exist.
    public func describeTable(_ name: String) async throws -> DynamoTableDescription? {
        struct Input: Encodable { var TableName: String }
        struct Index: Decodable { var IndexName: String }
        struct Table: Decodable {
            var TableName: String
            var TableStatus: String
            var TableArn: String?
            var ItemCount: Int64?
            var GlobalSecondaryIndexes: [Index]?
        }
        struct Output: Decodable { var Table: Table }
        do {
            let table = try await call("DescribeTable", Input(TableName: name), as: Output.self).Table
            return DynamoTableDescription(
                name: table.TableName, status: table.TableStatus, arn: table.TableArn, itemCount: table.ItemCount,
                indexNames: table.GlobalSecondaryIndexes?.map(\.IndexName) ?? [])
        } catch where DynamoDBClient.isMissingResource(error) {
            return nil
        }
    }

    /// Creates those of `specs` that are missing (idempotent) and, with `wait`, waits until
    /// every one is active; returns the names of those created. Asks DescribeTable first, so a
    /// worker whose role may not create tables (`lake aws template`'s) opens a lake whose
    /// tables exist.
    @discardableResult
    public func createTables(_ specs: [DynamoTableSpec], wait: Bool = true) async throws -> [String] {
        var created: [String] = []
        for spec in specs where try await describeTable(spec.name) == nil {
            if try await createTable(spec) { created.append(spec.name) }
        }
        if wait { for spec in specs { try await waitUntilActive(spec.name) } }
        return created
    }

    /// Polls DescribeTable until the table is `ACTIVE` (at most `timeout`).
    public func waitUntilActive(_ name: String, timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let table = try await describeTable(name), table.status == "ACTIVE" { return }
            guard ContinuousClock.now < deadline else {
                throw LakeError(
                    .timeout, "DynamoDB table \(name) did not become ACTIVE in time", hint: "check it in the AWS console",
                    context: ["table": name])
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Turns on TTL expiry on `attribute` (epoch seconds).
    public func enableTimeToLive(table: String, attribute: String) async throws {
        struct Spec: Encodable {
            var Enabled = true
            var AttributeName: String
        }
        struct Input: Encodable {
            var TableName: String
            var TimeToLiveSpecification: Spec
        }
        do {
            _ = try await call(
                "UpdateTimeToLive", Input(TableName: table, TimeToLiveSpecification: Spec(AttributeName: attribute)),
                as: AWSEmpty.self)
        } catch let error as LakeError where error.awsCode == "ValidationException"
            && (error.message.contains("already enabled") || error.message.contains("TimeToLive is already"))
        {
            return
        }
    }
}
