import Foundation
import LakeCore

extension DynamoDBClient {
    /// Fields shared by conditional writes.
    struct Conditional: Encodable {
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: [String: AttributeValue]?

        init(_ expressions: [DynamoExpression?], conditionIndex: Int?) {
            var names: [String: String] = [:]
            var values: [String: AttributeValue] = [:]
            for expression in expressions.compactMap({ $0 }) {
                names.merge(expression.names) { a, _ in a }
                values.merge(expression.values) { a, _ in a }
            }
            ConditionExpression = conditionIndex.flatMap { expressions[$0]?.text }
            ExpressionAttributeNames = names.isEmpty ? nil : names
            ExpressionAttributeValues = values.isEmpty ? nil : values
        }
    }

    /// GetItem by primary key; strongly consistent unless `consistent` is false.
    public func getItem(table: String, key: DynamoItem, consistent: Bool = true) async throws -> DynamoItem? {
        struct Input: Encodable {
            var TableName: String
            var Key: DynamoItem
            var ConsistentRead: Bool
        }
        struct Output: Decodable { var Item: DynamoItem? }
        return try await call("GetItem", Input(TableName: table, Key: key, ConsistentRead: consistent), as: Output.self).Item
    }

    /// PutItem, replacing any item with the same key, when `condition` holds. A failed
    /// condition throws with ``LakeError/awsCode`` `ConditionalCheckFailedException`.
    public func putItem(table: String, item: DynamoItem, condition: DynamoExpression? = nil) async throws {
        struct Input: Encodable {
            var TableName: String
            var Item: DynamoItem
            var ConditionExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
        }
        let c = Conditional([condition], conditionIndex: 0)
        _ = try await call(
            "PutItem",
            Input(
                TableName: table, Item: item, ConditionExpression: c.ConditionExpression,
                ExpressionAttributeNames: c.ExpressionAttributeNames, ExpressionAttributeValues: c.ExpressionAttributeValues),
            as: AWSEmpty.self)
    }

    /// UpdateItem with `update` when `condition` holds; returns the item after the update.
    @discardableResult
    public func updateItem(
        table: String, key: DynamoItem, update: DynamoExpression, condition: DynamoExpression? = nil
    ) async throws -> DynamoItem {
        struct Input: Encodable {
            var TableName: String
            var Key: DynamoItem
            var UpdateExpression: String
            var ConditionExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
            var ReturnValues = "ALL_NEW"
        }
        struct Output: Decodable { var Attributes: DynamoItem? }
        let c = Conditional([update, condition], conditionIndex: condition == nil ? nil : 1)
        return try await call(
            "UpdateItem",
            Input(
                TableName: table, Key: key, UpdateExpression: update.text, ConditionExpression: c.ConditionExpression,
                ExpressionAttributeNames: c.ExpressionAttributeNames, ExpressionAttributeValues: c.ExpressionAttributeValues),
            as: Output.self
        ).Attributes ?? [:]
    }

    /// DeleteItem when `condition` holds; returns the deleted item, if there was one.
    @discardableResult
    public func deleteItem(table: String, key: DynamoItem, condition: DynamoExpression? = nil) async throws -> DynamoItem? {
        struct Input: Encodable {
            var TableName: String
            var Key: DynamoItem
            var ConditionExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
            var ReturnValues = "ALL_OLD"
        }
        struct Output: Decodable { var Attributes: DynamoItem? }
        let c = Conditional([condition], conditionIndex: 0)
        return try await call(
            "DeleteItem",
            Input(
                TableName: table, Key: key, ConditionExpression: c.ConditionExpression,
                ExpressionAttributeNames: c.ExpressionAttributeNames, ExpressionAttributeValues: c.ExpressionAttributeValues),
            as: Output.self
        ).Attributes
    }

    /// One page of a Query on the table or one of its indexes.
    public func query(
        table: String, index: String? = nil, keyCondition: DynamoExpression, filter: DynamoExpression? = nil,
        startKey: DynamoItem? = nil, limit: Int? = nil, ascending: Bool = true, consistent: Bool = false
    ) async throws -> DynamoPage {
        struct Input: Encodable {
            var TableName: String
            var IndexName: String?
            var KeyConditionExpression: String
            var FilterExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
            var ExclusiveStartKey: DynamoItem?
            var Limit: Int?
            var ScanIndexForward: Bool
            var ConsistentRead: Bool?
        }
        let c = Conditional([keyCondition, filter], conditionIndex: nil)
        return try await call(
            "Query",
            Input(
                TableName: table, IndexName: index, KeyConditionExpression: keyCondition.text, FilterExpression: filter?.text,
                ExpressionAttributeNames: c.ExpressionAttributeNames, ExpressionAttributeValues: c.ExpressionAttributeValues,
                ExclusiveStartKey: startKey, Limit: limit, ScanIndexForward: ascending,
                ConsistentRead: index == nil && consistent ? true : nil),
            as: PageOutput.self
        ).page
    }

    /// One page of a Scan, optionally filtered.
    public func scan(
        table: String, filter: DynamoExpression? = nil, startKey: DynamoItem? = nil, limit: Int? = nil, consistent: Bool = false
    ) async throws -> DynamoPage {
        struct Input: Encodable {
            var TableName: String
            var FilterExpression: String?
            var ExpressionAttributeNames: [String: String]?
            var ExpressionAttributeValues: [String: AttributeValue]?
            var ExclusiveStartKey: DynamoItem?
            var Limit: Int?
            var ConsistentRead: Bool?
        }
        let c = Conditional([filter], conditionIndex: nil)
        return try await call(
            "Scan",
            Input(
                TableName: table, FilterExpression: filter?.text, ExpressionAttributeNames: c.ExpressionAttributeNames,
                ExpressionAttributeValues: c.ExpressionAttributeValues, ExclusiveStartKey: startKey, Limit: limit,
                ConsistentRead: consistent ? true : nil),
            as: PageOutput.self
        ).page
    }

    /// Every item of a Scan, following pages.
    public func scanAll(table: String, filter: DynamoExpression? = nil, consistent: Bool = false) async throws -> [DynamoItem] {
        var items: [DynamoItem] = []
        var start: DynamoItem?
        repeat {
            let page = try await scan(table: table, filter: filter, startKey: start, consistent: consistent)
            items += page.items
            start = page.lastEvaluatedKey
        } while start != nil
        return items
    }

    /// Every item of a Query, following pages.
    public func queryAll(
        table: String, index: String? = nil, keyCondition: DynamoExpression, filter: DynamoExpression? = nil,
        ascending: Bool = true, consistent: Bool = false
    ) async throws -> [DynamoItem] {
        var items: [DynamoItem] = []
        var start: DynamoItem?
        repeat {
            let page = try await query(
                table: table, index: index, keyCondition: keyCondition, filter: filter, startKey: start, ascending: ascending,
                consistent: consistent)
            items += page.items
            start = page.lastEvaluatedKey
        } while start != nil
        return items
    }

    struct PageOutput: Decodable {
        var Items: [DynamoItem]?
        var LastEvaluatedKey: DynamoItem?
        var page: DynamoPage {
            DynamoPage(items: Items ?? [], lastEvaluatedKey: LastEvaluatedKey.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
