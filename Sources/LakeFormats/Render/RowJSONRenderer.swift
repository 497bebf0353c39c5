/// Renders rows as JSON Lines for `lake cat FILE.parquet`: one object per row, keys in schema
/// order. Numbers stay numbers; timestamps, dates, decimals, binary and non-finite floats are
/// strings in the forms ``ValueFormatter`` documents; text is escaped per RFC 8259. Lists are
/// JSON arrays, structs objects, maps objects (or `[{"key","value"}]` when keys are not text).
public struct RowJSONRenderer: Sendable {
    /// The columns' names and types, in row order.
    public let schema: Schema
    private let keys: [String]

    /// Prepares a renderer for rows of `schema`.
    public init(schema: Schema) {
        self.schema = schema
        keys = schema.fields.map { Self.quoted($0.name) }
    }

    /// One JSON object (no trailing newline) for `row`, whose values follow the schema.
    public func render(_ row: [Value]) -> String {
        var out = "{"
        for (i, value) in row.enumerated() {
            if i > 0 { out += "," }
            out += i < keys.count ? keys[i] : Self.quoted("column\(i)")
            out += ":"
            Self.append(value, to: &out)
        }
        out += "}"
        return out
    }

    /// Every row of `batch`, one JSON object per line, each line ending in `\n`.
    public func render(_ batch: RecordBatch) -> String {
        var out = ""
        for r in 0..<batch.rowCount {
            out += render(batch.row(r))
            out += "\n"
        }
        return out
    }

    /// Appends the JSON form of one value.
    public static func append(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f): out += f.isFinite ? ValueFormatter.floatText(f) : quoted(ValueFormatter.floatText(f))
        case .double(let d): out += d.isFinite ? ValueFormatter.doubleText(d) : quoted(ValueFormatter.doubleText(d))
        case .string(let s): out += quoted(s)
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .structure(let names, let values):
            out += "{"
            for (i, (name, item)) in zip(names, values).enumerated() {
                if i > 0 { out += "," }
                out += quoted(name) + ":"
                append(item, to: &out)
            }
            out += "}"
        case .map(let keys, let values):
            // A JSON object when every key is text, else a list of {"key","value"} pairs.
            if keys.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
                out += "{"
                for (i, (key, item)) in zip(keys, values).enumerated() {
                    if i > 0 { out += "," }
                    out += quoted(ValueFormatter.text(key)) + ":"
                    append(item, to: &out)
                }
                out += "}"
            } else {
                append(.list(zip(keys, values).map { .structure(names: ["key", "value"], values: [$0, $1]) }), to: &out)
            }
        default: out += quoted(ValueFormatter.text(value))
        }
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (unicode included) kept as UTF-8.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
