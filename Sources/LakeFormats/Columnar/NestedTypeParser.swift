/// Parses the text form of nested types: `list<int64>` (also `array<...>`), `map<string,int64>`,
/// `struct<a:int64,b:list<string> not null>`. Field names that are not plain identifiers are
/// written in backticks (`` `zip code`:string ``, a backtick doubled inside). Element, value and
/// field types may end in `not null`; map keys are never null.
enum NestedTypeParser {
    /// The type `text` describes, or nil when it is not a valid type.
    static func parse(_ text: String) -> ColumnType? {
        var p = NestedTypeParser.Cursor(Array(text.unicodeScalars))
        guard let t = p.type(depth: 0) else { return nil }
        p.skipSpace()
        return p.atEnd ? t : nil
    }

    /// `name` as written inside `struct<...>`: bare when it is an identifier, else in backticks.
    static func quotedName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        return plain ? name : "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// Deepest nesting accepted, so a hostile schema text cannot exhaust the stack.
    static let maxDepth = 64

    struct Cursor {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }
        var atEnd: Bool { i >= s.count }

        mutating func skipSpace() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }

        /// A type: a scalar name (with `decimal(p,s)` or `timestamp[unit]` parameters) or a nested one.
        mutating func type(depth: Int) -> ColumnType? {
            guard depth < NestedTypeParser.maxDepth else { return nil }
            skipSpace()
            let start = i
            while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "_" { i += 1 }
            let word = String(String.UnicodeScalarView(s[start..<i])).lowercased()
            switch word {
            case "list", "array":
                guard eat("<"), let element = field(named: "element", depth: depth) , eat(">") else { return nil }
                return .list(element)
            case "map":
                guard eat("<"), let key = type(depth: depth + 1), !key.isNested, eat(","),
                    let value = field(named: "value", depth: depth), eat(">")
                else { return nil }
                return .map(key: key, value: value)
            case "struct":
                guard eat("<") else { return nil }
                var fields: [Field] = []
                repeat {
                    guard let name = name(), eat(":"), let f = field(named: name, depth: depth) else { return nil }
                    fields.append(f)
                } while eat(",")
                guard eat(">"), !fields.isEmpty else { return nil }
                return .structure(fields)
            default:
                // Scalar parameters: decimal(12,2), timestamp[us].
                if i < s.count, s[i] == "(" || s[i] == "[" {
                    let close: Unicode.Scalar = s[i] == "(" ? ")" : "]"
                    while i < s.count, s[i] != close { i += 1 }
                    guard i < s.count else { return nil }
                    i += 1
                }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                guard let t = ColumnType(parsing: text), !t.isNested else { return nil }
                return t
            }
        }

        /// A type optionally followed by `not null`, as a field called `name`.
        mutating func field(named name: String, depth: Int) -> Field? {
            guard let t = type(depth: depth + 1) else { return nil }
            skipSpace()
            let rest = String(String.UnicodeScalarView(s[i...])).lowercased()
            if rest.hasPrefix("not null") {
                i += 8
                return Field(name: name, type: t, nullable: false)
            }
            return Field(name: name, type: t, nullable: true)
        }

        /// A struct field name: an identifier or a backticked name.
        mutating func name() -> String? {
            skipSpace()
            guard i < s.count else { return nil }
            if s[i] == "`" {
                i += 1
                var out = String.UnicodeScalarView()
                while i < s.count {
                    if s[i] == "`" {
                        if i + 1 < s.count, s[i + 1] == "`" {
                            out.append("`")
                            i += 2
                            continue
                        }
                        i += 1
                        return String(out)
                    }
                    out.append(s[i])
                    i += 1
                }
                return nil
            }
            let start = i
            while i < s.count, s[i] != ":", s[i] != " " { i += 1 }
            return i > start ? String(String.UnicodeScalarView(s[start..<i])) : nil
        }
    }
}
