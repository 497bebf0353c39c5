/// A JSON value held as a small tree: what a nested JSON cell (an object or array the record
/// parser kept as text) holds, for shape inference (``NestedShape``) and for decoding into
/// nested columns. Strings are unescaped UTF-8; numbers keep their exact text.
indirect enum RawJSON: Equatable {
    case object([(key: [UInt8], value: RawJSON)])
    case array([RawJSON])
    case string([UInt8])
    case number([UInt8])
    case bool(Bool)
    case null

    static func == (a: RawJSON, b: RawJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// Parses one JSON value filling `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 256) throws(FormatError) -> RawJSON {
        var cursor = JSONCursor(bytes)
        cursor.skipSpace()
        guard let value = value(&cursor, depth: maxDepth) else {
            throw FormatError(
                .syntax, "a nested JSON value is malformed or nests deeper than \(maxDepth) levels",
                context: FormatError.Context(byteOffset: Int64(cursor.pos)))
        }
        cursor.skipSpace()
        guard cursor.atEnd else {
            throw FormatError(.syntax, "text after a nested JSON value", context: FormatError.Context(byteOffset: Int64(cursor.pos)))
        }
        return value
    }

    /// The value at the cursor, or nil when the text is malformed or too deep.
    static func value(_ c: inout JSONCursor, depth: Int) -> RawJSON? {
        c.skipSpace()
        guard depth > 0, !c.atEnd else { return nil }
        switch c.peek {
        case 123:
            c.pos += 1
            var members: [(key: [UInt8], value: RawJSON)] = []
            if c.consume(125) { return .object(members) }
            while true {
                c.skipSpace()
                var key: [UInt8] = []
                guard c.string(into: &key), c.consume(58), let v = value(&c, depth: depth - 1) else { return nil }
                members.append((key, v))
                if c.consume(44) { continue }
                return c.consume(125) ? .object(members) : nil
            }
        case 91:
            c.pos += 1
            var items: [RawJSON] = []
            if c.consume(93) { return .array(items) }
            while true {
                guard let v = value(&c, depth: depth - 1) else { return nil }
                items.append(v)
                if c.consume(44) { continue }
                return c.consume(93) ? .array(items) : nil
            }
        case 34:
            var text: [UInt8] = []
            return c.string(into: &text) ? .string(text) : nil
        case 116: return c.literal("true") ? .bool(true) : nil
        case 102: return c.literal("false") ? .bool(false) : nil
        case 110: return c.literal("null") ? .null : nil
        default: return c.number().map { .number(Array($0)) }
        }
    }

    /// Compact JSON text of the value (strings re-escaped, numbers as written).
    var text: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let digits): out.append(contentsOf: digits)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(91)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(44) }
                item.write(into: &out)
            }
            out.append(93)
        case .object(let members):
            out.append(123)
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(44) }
                Self.writeString(member.key, into: &out)
                out.append(58)
                member.value.write(into: &out)
            }
            out.append(125)
        }
    }

    /// A JSON string literal of UTF-8 `s`: quotes, backslashes and control characters escaped.
    static func writeString(_ s: [UInt8], into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(34)
        for b in s {
            switch b {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32: out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
