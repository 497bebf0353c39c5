/// A Hive/Glue column type as the catalog stores it (`bigint`, `decimal(12,2)`...), with the
/// widening rules the crawler applies when a table's files change type.
///
/// Widening (recorded as a new schema version; readers of the old files still work):
/// `tinyint -> smallint -> int -> bigint -> double`, `float -> double`, `date -> timestamp`,
/// and `decimal(p,s)` to one that keeps at least as many integer and fraction digits. Two
/// types that are not ordered (`int` and `float`, `decimal(10,2)` and `decimal(10,4)`) merge to
/// their common wider type when there is one. Nested types widen through their parts:
/// `array<x>` and `map<k,v>` when their element, key and value widen, `struct<...>` when each
/// common field widens, and a field the other side lacks is added (a widening). Everything else
/// is incompatible, reported with the path of the leaf that changed (`a.b.c`).
indirect enum HiveType: Hashable, Sendable, CustomStringConvertible {
    case tinyint, smallint, int, bigint, float, double
    case decimal(precision: Int, scale: Int)
    case boolean, string, binary, date, timestamp
    case array(HiveType)
    case map(key: HiveType, value: HiveType)
    case structure([Field])
    /// Any type this model does not know (`varchar(10)`, `uniontype<...>`...): only equal to itself.
    case other(String)

    /// A struct field: its name as written and its type.
    struct Field: Hashable, Sendable {
        var name: String
        var type: HiveType
    }

    /// An incompatible change at `path` (`column`, `column.field`, `column.element`...).
    struct Incompatible: Error, Hashable {
        var path: String
        var from: HiveType
        var to: HiveType
    }

    /// Parses a type name as the catalog stores it (case-insensitive).
    init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let t = trimmed.lowercased()
        if t.hasSuffix(">"), let nested = Self.nested(trimmed) {
            self = nested
            return
        }
        switch t {
        case "tinyint": self = .tinyint
        case "smallint": self = .smallint
        case "int", "integer": self = .int
        case "bigint": self = .bigint
        case "float": self = .float
        case "double": self = .double
        case "boolean": self = .boolean
        case "string": self = .string
        case "binary": self = .binary
        case "date": self = .date
        case "timestamp": self = .timestamp
        default:
            if t.hasPrefix("decimal("), t.hasSuffix(")") {
                let parts = t.dropFirst(8).dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                if parts.count == 2, let p = parts[0], let s = parts[1] {
                    self = .decimal(precision: p, scale: s)
                    return
                }
            }
            self = .other(t)
        }
    }

    /// The catalog's text form.
    var description: String {
        switch self {
        case .tinyint: return "tinyint"
        case .smallint: return "smallint"
        case .int: return "int"
        case .bigint: return "bigint"
        case .float: return "float"
        case .double: return "double"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .boolean: return "boolean"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .array(let element): return "array<\(element)>"
        case .map(let key, let value): return "map<\(key),\(value)>"
        case .structure(let fields): return "struct<" + fields.map { "\($0.name):\($0.type)" }.joined(separator: ",") + ">"
        case .other(let text): return text
        }
    }

    /// `array<...>`, `map<...,...>` or `struct<name:type,...>`; nil for anything else.
    private static func nested(_ text: String) -> HiveType? {
        let lower = text.lowercased()
        func inner(_ prefix: String) -> String? {
            lower.hasPrefix(prefix) ? String(text.dropFirst(prefix.count).dropLast()) : nil
        }
        if let body = inner("array<") { return .array(HiveType(body)) }
        if let body = inner("map<") {
            let parts = splitTopLevel(body)
            guard parts.count == 2 else { return nil }
            return .map(key: HiveType(parts[0]), value: HiveType(parts[1]))
        }
        if let body = inner("struct<") {
            var fields: [Field] = []
            for part in splitTopLevel(body) {
                guard let colon = part.firstIndex(of: ":") else { return nil }
                let name = part[..<colon].trimmingCharacters(in: .whitespaces)
                fields.append(Field(name: name, type: HiveType(String(part[part.index(after: colon)...]))))
            }
            return fields.isEmpty ? nil : .structure(fields)
        }
        return nil
    }

    /// Splits on commas outside angle brackets and parentheses (`decimal(10,2)` stays whole).
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in text {
            switch c {
            case "<", "(": depth += 1
            case ">", ")": depth -= 1
            default: break
            }
            if c == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Rank of the integer types; nil for the others.
    private var integerRank: Int? {
        switch self {
        case .tinyint: return 0
        case .smallint: return 1
        case .int: return 2
        case .bigint: return 3
        default: return nil
        }
    }

    /// Whether every value of `self` is a value of `wider` (so `wider` can replace it).
    func widens(to wider: HiveType) -> Bool {
        if self == wider { return true }
        switch (self, wider) {
        case (_, .double) where integerRank != nil || self == .float: return true
        case (.date, .timestamp): return true
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)): return s2 >= s1 && p2 - s2 >= p1 - s1
        default:
            if let a = integerRank, let b = wider.integerRank { return a <= b }
            return false
        }
    }

    /// The narrowest type both widen to, or nil when they are incompatible.
    func merged(with other: HiveType) -> HiveType? {
        try? merge(with: other, path: "")
    }

    /// The narrowest type both widen to; throws the path of the first incompatible part.
    func merge(with other: HiveType, path: String) throws(Incompatible) -> HiveType {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return .array(try a.merge(with: b, path: path + ".element"))
        case (.map(let k1, let v1), .map(let k2, let v2)):
            return .map(key: try k1.merge(with: k2, path: path + ".key"), value: try v1.merge(with: v2, path: path + ".value"))
        case (.structure(let mine), .structure(let theirs)):
            var fields = mine
            for field in theirs {
                if let i = fields.firstIndex(where: { $0.name.lowercased() == field.name.lowercased() }) {
                    fields[i].type = try fields[i].type.merge(with: field.type, path: path + "." + fields[i].name)
                } else {
                    fields.append(field)
                }
            }
            return .structure(fields)
        case (.array, _), (.map, _), (.structure, _), (_, .array), (_, .map), (_, .structure):
            throw Incompatible(path: path, from: self, to: other)
        default:
            guard let merged = mergedScalar(with: other) else { throw Incompatible(path: path, from: self, to: other) }
            return merged
        }
    }

    private func mergedScalar(with other: HiveType) -> HiveType? {
        if widens(to: other) { return other }
        if other.widens(to: self) { return self }
        switch (self, other) {
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            let scale = max(s1, s2)
            let precision = max(p1 - s1, p2 - s2) + scale
            return precision <= 38 ? .decimal(precision: precision, scale: scale) : nil
        default:
            let numeric: Set<HiveType> = [.tinyint, .smallint, .int, .bigint, .float]
            return numeric.contains(self) && numeric.contains(other) ? .double : nil
        }
    }
}
