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
        }
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
        }
    }
}

/// Resolution of a timestamp column. Never nanos: Athena and Glue stop at micros.
public enum TimeUnit: String, Hashable, Sendable {
    case millis = "ms"
    case micros = "us"
}
