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
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        parser.skipSpace()
        let value = try parser.value(depth: 1)
        parser.skipSpace()
        guard parser.pos == bytes.count else { throw parser.fail("text after a nested JSON value") }
        return value
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

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        let maxDepth: Int
        var pos = 0

        init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func fail(_ what: String) -> FormatError {
            FormatError(.syntax, what, context: FormatError.Context(byteOffset: Int64(pos)))
        }

        mutating func skipSpace() {
            while pos < bytes.count, bytes[pos] == 32 || bytes[pos] == 9 || bytes[pos] == 10 || bytes[pos] == 13 { pos += 1 }
        }

        mutating func value(depth: Int) throws(FormatError) -> RawJSON {
            guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels") }
            guard pos < bytes.count else { throw fail("a nested JSON value ends early") }
            switch bytes[pos] {
            case 123:
                pos += 1
                var members: [(key: [UInt8], value: RawJSON)] = []
                skipSpace()
                if pos < bytes.count, bytes[pos] == 125 {
                    pos += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == 34 else { throw fail("expected a key string") }
                    let key = try string()
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == 58 else { throw fail("expected ':' after a key") }
                    pos += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard pos < bytes.count else { throw fail("an object ends early") }
                    let c = bytes[pos]
                    pos += 1
                    if c == 44 { continue }
                    if c == 125 { return .object(members) }
                    throw fail("expected ',' or '}' in an object")
                }
            case 91:
                pos += 1
                var items: [RawJSON] = []
                skipSpace()
                if pos < bytes.count, bytes[pos] == 93 {
                    pos += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard pos < bytes.count else { throw fail("an array ends early") }
                    let c = bytes[pos]
                    pos += 1
                    if c == 44 { continue }
                    if c == 93 { return .array(items) }
                    throw fail("expected ',' or ']' in an array")
                }
            case 34:
                return .string(try string())
            case 116:
                try word("true")
                return .bool(true)
            case 102:
                try word("false")
                return .bool(false)
            case 110:
                try word("null")
                return .null
            default:
                let start = pos
                while pos < bytes.count, Self.isNumberByte(bytes[pos]) { pos += 1 }
                guard pos > start else { throw fail("invalid value") }
                return .number(Array(bytes[start..<pos]))
            }
        }

        static func isNumberByte(_ b: UInt8) -> Bool {
            (48...57).contains(b) || b == 45 || b == 43 || b == 46 || b == 101 || b == 69
        }

        mutating func word(_ w: String) throws(FormatError) {
            let u = Array(w.utf8)
            guard bytes.count - pos >= u.count, (0..<u.count).allSatisfy({ bytes[pos + $0] == u[$0] }) else {
                throw fail("invalid literal")
            }
            pos += u.count
        }

        /// The string at `pos` (which is `"`), unescaped.
        mutating func string() throws(FormatError) -> [UInt8] {
            pos += 1
            var out: [UInt8] = []
            while pos < bytes.count {
                let b = bytes[pos]
                pos += 1
                if b == 34 { return out }
                if b != 92 {
                    out.append(b)
                    continue
                }
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case 34, 92, 47: out.append(e)
                case 98: out.append(8)
                case 102: out.append(12)
                case 110: out.append(10)
                case 114: out.append(13)
                case 116: out.append(9)
                case 117:
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), bytes.count - pos >= 6, bytes[pos] == 92, bytes[pos + 1] == 117 {
                        pos += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(Character(u)).utf8)
                default: throw fail("invalid escape in a string")
                }
            }
            throw fail("a string ends early")
        }

        mutating func hex4() throws(FormatError) -> UInt32 {
            guard bytes.count - pos >= 4 else { throw fail("a \\u escape ends early") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[pos]
                pos += 1
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | d
            }
            return v
        }
    }
}
