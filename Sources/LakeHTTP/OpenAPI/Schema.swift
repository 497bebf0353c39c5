/// JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the read models, built from a few pieces.
enum Schema {
    static let string: JSONDoc = ["type": "string"]
    static let integer: JSONDoc = ["type": "integer"]
    static let number: JSONDoc = ["type": "number"]
    static let boolean: JSONDoc = ["type": "boolean"]
    static let dateTime: JSONDoc = ["type": "string", "format": "date-time"]
    static let nullableString: JSONDoc = ["type": ["string", "null"]]
    static let nullableInteger: JSONDoc = ["type": ["integer", "null"]]
    static let nullableDateTime: JSONDoc = ["type": ["string", "null"], "format": "date-time"]

    /// A reference to `#/components/schemas/<name>`.
    static func ref(_ name: String) -> JSONDoc { ["$ref": .string("#/components/schemas/\(name)")] }

    static func array(_ items: JSONDoc) -> JSONDoc { ["type": "array", "items": items] }

    /// An object with any keys and values of one schema (`[String: T]`).
    static func map(_ values: JSONDoc) -> JSONDoc { ["type": "object", "additionalProperties": values] }

    static func enumeration(_ values: [String]) -> JSONDoc { ["type": "string", "enum": .array(values.map(JSONDoc.string))] }

    static func nullableEnumeration(_ values: [String]) -> JSONDoc {
        ["type": ["string", "null"], "enum": .array(values.map(JSONDoc.string) + [.null])]
    }

    /// An object with exactly these properties: `required` always present (perhaps null),
    /// `optional` left out when absent; nothing else.
    static func object(_ required: [(String, JSONDoc)], optional: [(String, JSONDoc)] = []) -> JSONDoc {
        .object([
            ("type", "object"),
            ("required", .array(required.map { JSONDoc.string($0.0) })),
            ("properties", .object(required + optional)),
            ("additionalProperties", false),
        ])
    }
}
