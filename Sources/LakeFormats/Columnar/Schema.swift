/// A named, typed column of a schema.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool
    public init(name: String, type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// An ordered list of fields: the shape of a table or a file.
public struct Schema: Hashable, Sendable {
    public var fields: [Field]
    public init(_ fields: [Field]) { self.fields = fields }
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
}
