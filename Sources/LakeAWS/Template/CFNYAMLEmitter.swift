/// Writes a ``CFNValue`` as block-style YAML. Only the JSON subset is needed, so this is a
/// small emitter rather than a YAML library: mappings and sequences in block style (empty ones
/// in flow style), keys sorted, and a scalar written plain only when no YAML reader could take
/// it for anything but that string (otherwise in double quotes, escaped as JSON escapes, which
/// YAML's double-quoted style reads the same).
enum CFNYAMLEmitter {
    /// The document, ending in a newline.
    static func document(_ value: CFNValue) -> String {
        var out = ""
        switch value {
        case .object(let fields) where !fields.isEmpty:
            mapping(fields, indent: 0, into: &out)
        case .list(let items) where !items.isEmpty:
            sequence(items, indent: 0, into: &out)
        default:
            out = scalar(value) + "\n"
        }
        return out
    }

    private static func mapping(_ fields: [String: CFNValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in fields.keys.sorted() {
            guard let value = fields[key] else { continue }
            out += pad + quotedKey(key) + ":"
            child(value, indent: indent, into: &out)
        }
    }

    private static func sequence(_ items: [CFNValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .object(let fields) where !fields.isEmpty:
                // The first key shares the dash's line; the rest align under it.
                var nested = ""
                mapping(fields, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case .list(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                sequence(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + scalar(item) + "\n"
            }
        }
    }

    /// After `key:` — a scalar on the same line, a collection on the next lines.
    private static func child(_ value: CFNValue, indent: Int, into out: inout String) {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            out += "\n"
            mapping(fields, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            sequence(items, indent: indent + 2, into: &out)
        default:
            out += " " + scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: CFNValue) -> String {
        switch value {
        case .string(let text): return isPlainSafe(text) ? text : quoted(text)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .list: return "[]"
        case .object: return "{}"
        }
    }

    private static func quotedKey(_ key: String) -> String {
        isPlainSafe(key) ? key : quoted(key)
    }

    /// Words YAML 1.1 or 1.2 readers take as booleans or null.
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// Letters, digits and a few punctuation marks, starting with a letter, `/` or `_`, not a
    /// reserved word: nothing a YAML reader could take for a number, date, boolean, null,
    /// alias, tag, comment or flow collection.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !reserved.contains(text.lowercased()) else { return false }
        let letter = { (c: Unicode.Scalar) in (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        guard letter(first) || first == "/" || first == "_" else { return false }
        guard !text.hasSuffix(":") else { return false }
        let allowed: Set<Unicode.Scalar> = ["-", "_", ".", "/", ":", "*", "$", "{", "}", "@", "+", "="]
        return text.unicodeScalars.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") || allowed.contains($0) }
    }

    /// A double-quoted scalar; JSON's escapes are valid YAML escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
