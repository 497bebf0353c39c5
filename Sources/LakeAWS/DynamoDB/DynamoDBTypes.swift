/// A key attribute's declared type.
public enum DynamoKeyType: String, Sendable, Hashable, Codable {
    /// `S`, `N` or `B`.
    case string = "S", number = "N", binary = "B"
}

/// One key of a table or index: its attribute and its role.
public struct DynamoKeyElement: Sendable, Hashable {
    /// The attribute name.
    public var name: String
    /// The attribute's type.
    public var type: DynamoKeyType
    /// Whether this is the partition (`HASH`) or sort (`RANGE`) key.
    public var isSortKey: Bool

    /// A partition key.
    public static func partition(_ name: String, _ type: DynamoKeyType = .string) -> DynamoKeyElement {
        DynamoKeyElement(name: name, type: type, isSortKey: false)
    }
    /// A sort key.
    public static func sort(_ name: String, _ type: DynamoKeyType = .string) -> DynamoKeyElement {
        DynamoKeyElement(name: name, type: type, isSortKey: true)
    }
}

/// A global secondary index, projecting all attributes.
public struct DynamoIndex: Sendable, Hashable {
    /// The index name.
    public var name: String
    /// Its partition key, and sort key if any.
    public var keys: [DynamoKeyElement]
    /// Creates an index.
    public init(name: String, keys: [DynamoKeyElement]) {
        self.name = name
        self.keys = keys
    }
}

/// A table to create: name, keys, indexes, on-demand billing.
public struct DynamoTableSpec: Sendable, Hashable {
    /// The table name.
    public var name: String
    /// Partition key, and sort key if any.
    public var keys: [DynamoKeyElement]
    /// Global secondary indexes.
    public var indexes: [DynamoIndex]
    /// The TTL attribute (epoch seconds), if the table expires rows.
    public var ttlAttribute: String?

    /// Creates a table specification.
    public init(name: String, keys: [DynamoKeyElement], indexes: [DynamoIndex] = [], ttlAttribute: String? = nil) {
        self.name = name
        self.keys = keys
        self.indexes = indexes
        self.ttlAttribute = ttlAttribute
    }
}

extension DynamoTableSpec {
    /// Every key attribute of the table and its indexes with its type, by name: CreateTable's
    /// `AttributeDefinitions` (and the CloudFormation templates' `AttributeDefinitions`).
    public var attributeDefinitions: [(name: String, type: DynamoKeyType)] {
        var definitions: [String: DynamoKeyType] = [:]
        for key in keys + indexes.flatMap(\.keys) { definitions[key.name] = key.type }
        return definitions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A key schema as DynamoDB wants it: the partition key (`HASH`) first, then the sort key (`RANGE`).
    public static func keySchema(_ keys: [DynamoKeyElement]) -> [(name: String, keyType: String)] {
        keys.sorted { !$0.isSortKey && $1.isSortKey }.map { ($0.name, $0.isSortKey ? "RANGE" : "HASH") }
    }
}

/// What DescribeTable says.
public struct DynamoTableDescription: Sendable, Hashable {
    /// The table name.
    public var name: String
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`.
    public var status: String
    /// The table's ARN.
    public var arn: String?
    /// Approximate item count.
    public var itemCount: Int64?
    /// Names of its global secondary indexes.
    public var indexNames: [String]
}

/// One page of a Query or Scan.
public struct DynamoPage: Sendable, Hashable {
    /// The items.
    public var items: [DynamoItem]
    /// Pass back as the exclusive start key; nil on the last page.
    public var lastEvaluatedKey: DynamoItem?
}

/// A condition or update expression with its placeholders.
public struct DynamoExpression: Sendable, Hashable {
    /// The expression text, e.g. `attribute_not_exists(#id) OR #owner = :me`.
    public var text: String
    /// `#name` placeholders.
    public var names: [String: String]
    /// `:value` placeholders.
    public var values: [String: AttributeValue]

    /// Creates an expression.
    public init(_ text: String, names: [String: String] = [:], values: [String: AttributeValue] = [:]) {
        self.text = text
        self.names = names
        self.values = values
    }
}

/// One write of a BatchWriteItem.
public enum DynamoWriteRequest: Sendable, Hashable {
    /// Put (replace) an item.
    case put(DynamoItem)
    /// Delete the item with this key.
    case delete(key: DynamoItem)
}

/// One action of a TransactWriteItems.
public enum DynamoTransactItem: Sendable, Hashable {
    /// Put an item when `condition` holds.
    case put(table: String, item: DynamoItem, condition: DynamoExpression?)
    /// Update an item when `condition` holds.
    case update(table: String, key: DynamoItem, update: DynamoExpression, condition: DynamoExpression?)
    /// Delete an item when `condition` holds.
    case delete(table: String, key: DynamoItem, condition: DynamoExpression?)
    /// Only check `condition` on an item.
    case conditionCheck(table: String, key: DynamoItem, condition: DynamoExpression)
}
