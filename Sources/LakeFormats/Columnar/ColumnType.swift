import Foundation

/// The logical type of a column, as SwiftLake reads, infers and writes it.
public enum ColumnType: Hashable, Sendable, CustomStringConvertible {
    case bool
    case int32
    case int64
    case float
    case double
    /// UTF-8 text.
    case string
    case binary
    /// Days since 1970-01-01.
    case date
    /// Instants since the epoch, UTC, in `unit`.
    case timestamp(TimeUnit)
    /// Fixed-point decimal; values are the unscaled integer.
    case decimal(precision: Int, scale: Int)
    /// A list of values of the element field's type (its name is always `element`).
    indirect case list(Field)
    /// A group of named fields (a JSON object, a Parquet group, a Hive `struct`).
    indirect case structure([Field])
    /// Key-value pairs: keys of a non-null scalar type, values of the value field's type.
    indirect case map(key: ColumnType, value: Field)

    /// Text form used in lake.yaml schemas and CLI output: `int64`, `timestamp[ms]`, `decimal(12,2)`.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float: return "float"
        case .double: return "double"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp(let u): return "timestamp[\(u.rawValue)]"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .list(let element): return "list<\(Self.describe(element, named: false))>"
        case .structure(let fields):
            return "struct<" + fields.map { Self.describe($0, named: true) }.joined(separator: ",") + ">"
        case .map(let key, let value): return "map<\(key),\(Self.describe(value, named: false))>"
        }
    }

    /// Whether values of this type hold other values (list, struct, map).
    public var isNested: Bool {
        switch self {
        case .list, .structure, .map: return true
        default: return false
        }
    }

    /// The list element field (named `element`) for values of `type`.
    public static func listElement(_ type: ColumnType, nullable: Bool = true) -> Field {
        Field(name: "element", type: type, nullable: nullable)
    }

    /// The map value field (named `value`) for values of `type`.
    public static func mapValue(_ type: ColumnType, nullable: Bool = true) -> Field {
        Field(name: "value", type: type, nullable: nullable)
    }

    private static func describe(_ field: Field, named: Bool) -> String {
        var text = named ? NestedTypeParser.quotedName(field.name) + ":" + field.type.description : field.type.description
        if !field.nullable { text += " not null" }
        return text
    }

    /// Parses the text form (also accepts common aliases: `int`, `bigint`, `boolean`, `text`,
    /// `timestamp` = millis, `float64`...). Returns nil for unknown names.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "bool", "boolean": self = .bool
        case "int32", "int", "integer": self = .int32
        case "int64", "bigint", "long": self = .int64
        case "float", "float32", "real": self = .float
        case "double", "float64": self = .double
        case "string", "text", "utf8", "varchar": self = .string
        case "binary", "bytes": self = .binary
        case "date": self = .date
        case "timestamp", "timestamp[ms]", "timestamp_ms": self = .timestamp(.millis)
        case "timestamp[us]", "timestamp_us": self = .timestamp(.micros)
        default:
            if t.hasPrefix("list<") || t.hasPrefix("array<") || t.hasPrefix("struct<") || t.hasPrefix("map<") {
                guard let parsed = NestedTypeParser.parse(text) else { return nil }
                self = parsed
                return
            }
            guard t.hasPrefix("decimal("), t.hasSuffix(")") else { return nil }
            let inner = t.dropFirst(8).dropLast()
            let parts = inner.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let p = parts[0], let s = parts[1], (1...38).contains(p), (0...p).contains(s)
            else { return nil }
            self = .decimal(precision: p, scale: s)
        }
    }

    /// The Hive/Glue/Athena type name.
    public var hiveType: String {
        switch self {
        case .bool: return "boolean"
        case .int32: return "int"
        case .int64: return "bigint"
        case .float: return "float"
        case .double: return "double"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .list(let element): return "array<\(element.type.hiveType)>"
        case .structure(let fields):
            return "struct<" + fields.map { "\($0.name):\($0.type.hiveType)" }.joined(separator: ",") + ">"
        case .map(let key, let value): return "map<\(key.hiveType),\(value.type.hiveType)>"
        }
    }
}

/// Resolution of a timestamp column. Never nanos: Athena and Glue stop at micros.
public enum TimeUnit: String, Hashable, Sendable {
    case millis = "ms"
    case micros = "us"
}
