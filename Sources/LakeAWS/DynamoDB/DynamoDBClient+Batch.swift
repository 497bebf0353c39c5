import Foundation
import LakeCore

extension DynamoDBClient {
    private struct WireWrite: Codable {
        struct Put: Codable { var Item: DynamoItem }
        struct Delete: Codable { var Key: DynamoItem }
        var PutRequest: Put?
        var DeleteRequest: Delete?
    }

    /// Writes any number of puts and deletes to `table` in BatchWriteItem calls of 25,
    /// resending unprocessed items with jittered backoff until all are written (or
    /// `maxRounds` rounds pass, which throws `.timeout`).
    public func batchWrite(table: String, _ requests: [DynamoWriteRequest], maxRounds: Int = 10) async throws {
        struct Input: Encodable { var RequestItems: [String: [WireWrite]] }
        struct Output: Decodable { var UnprocessedItems: [String: [WireWrite]]? }
        var generator = SystemRandomNumberGenerator()
        var start = 0
        while start < requests.count {
            let end = min(start + 25, requests.count)
            var pending = requests[start..<end].map { request -> WireWrite in
                switch request {
                case .put(let item): return WireWrite(PutRequest: .init(Item: item), DeleteRequest: nil)
                case .delete(let key): return WireWrite(PutRequest: nil, DeleteRequest: .init(Key: key))
                }
            }
            var round = 0
            while !pending.isEmpty {
                round += 1
                let output = try await call("BatchWriteItem", Input(RequestItems: [table: pending]), as: Output.self)
                pending = output.UnprocessedItems?[table] ?? []
                if pending.isEmpty { break }
                guard round < maxRounds else {
                    throw LakeError(
                        .timeout, "DynamoDB left \(pending.count) writes to \(table) unprocessed after \(round) rounds",
                        hint: "the table is throttled; retry later", context: ["table": table])
                }
                try await Task.sleep(for: transport.retry.delay(beforeRetry: round, using: &generator))
            }
            start = end
        }
    }

    /// Reads items by key (any number, 100 per BatchGetItem call, unprocessed keys resent).
    /// Missing keys are absent from the result; order is not kept.
    public func batchGet(table: String, keys: [DynamoItem], consistent: Bool = true) async throws -> [DynamoItem] {
        struct Request: Codable {
            var Keys: [DynamoItem]
            var ConsistentRead: Bool?
        }
        struct Input: Encodable { var RequestItems: [String: Request] }
        struct Output: Decodable {
            var Responses: [String: [DynamoItem]]?
            var UnprocessedKeys: [String: Request]?
        }
        var generator = SystemRandomNumberGenerator()
        var items: [DynamoItem] = []
        var start = 0
        while start < keys.count {
            let end = min(start + 100, keys.count)
            var pending = Array(keys[start..<end])
            var round = 0
            while !pending.isEmpty {
                round += 1
                let output = try await call(
                    "BatchGetItem", Input(RequestItems: [table: Request(Keys: pending, ConsistentRead: consistent)]),
                    as: Output.self)
                items += output.Responses?[table] ?? []
                pending = output.UnprocessedKeys?[table]?.Keys ?? []
                if pending.isEmpty { break }
                guard round < 10 else {
                    throw LakeError(
                        .timeout, "DynamoDB left \(pending.count) reads of \(table) unprocessed", hint: "retry later",
                        context: ["table": table])
                }
                try await Task.sleep(for: transport.retry.delay(beforeRetry: round, using: &generator))
            }
            start = end
        }
        return items
    }

    /// Runs up to 100 actions atomically. A failed condition cancels all of them and throws
    /// with ``LakeError/awsCode`` `TransactionCanceledException` and context
    /// `cancellationReasons` (one per action, `None` for those that were fine).
    public func transactWrite(_ items: [DynamoTransactItem], clientToken: String? = nil) async throws {
        struct Action: Encodable {
            var TableName: String
            var Item: DynamoItem?
            var Key: DynamoItem?
            var UpdateExpression: String?
            var ConditionExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
        }
        struct Entry: Encodable {
            var Put: Action?
            var Update: Action?
            var Delete: Action?
            var ConditionCheck: Action?
        }
        struct Input: Encodable {
            var TransactItems: [Entry]
            var ClientRequestToken: String?
        }
        func action(_ table: String, item: DynamoItem? = nil, key: DynamoItem? = nil, update: DynamoExpression? = nil,
                    condition: DynamoExpression?) -> Action {
            let c = Conditional([update, condition], conditionIndex: condition == nil ? nil : 1)
            return Action(
                TableName: table, Item: item, Key: key, UpdateExpression: update?.text, ConditionExpression: c.ConditionExpression,
                ExpressionAttributeNames: c.ExpressionAttributeNames, ExpressionAttributeValues: c.ExpressionAttributeValues)
        }
        let entries = items.map { item -> Entry in
            switch item {
            case .put(let table, let value, let condition):
                return Entry(Put: action(table, item: value, condition: condition))
            case .update(let table, let key, let update, let condition):
                return Entry(Update: action(table, key: key, update: update, condition: condition))
            case .delete(let table, let key, let condition):
                return Entry(Delete: action(table, key: key, condition: condition))
            case .conditionCheck(let table, let key, let condition):
                return Entry(ConditionCheck: action(table, key: key, condition: condition))
            }
        }
        _ = try await call("TransactWriteItems", Input(TransactItems: entries, ClientRequestToken: clientToken), as: AWSEmpty.self)
    }
}
