/// A Hive/Glue column type as the catalog stores it (`bigint`, `decimal(12,2)`...), with the
/// widening rules the crawler applies when a table's files change type.
///
/// Widening (recorded as a new schema version; readers of the old files still work):
/// `tinyint -> smallint -> int -> bigint -> double`, `float -> double`, `date -> timestamp`,
/// and `decimal(p,s)` to one that keeps at least as many integer and fraction digits. Two
/// types that are not ordered (`int` and `float`, `decimal(10,2)` and `decimal(10,4)`) merge to
/// their common wider type when there is one. Everything else is incompatible.
enum HiveType: Hashable, Sendable, CustomStringConvertible {
    case tinyint, smallint, int, bigint, float, double
    case decimal(precision: Int, scale: Int)
    case boolean, string, binary, date, timestamp
    /// Any type this model does not know (`varchar(10)`, `array<int>`...): only equal to itself.
    case other(String)

    /// Parses a type name as the catalog stores it (case-insensitive).
    init(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
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
        case .other(let text): return text
        }
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
