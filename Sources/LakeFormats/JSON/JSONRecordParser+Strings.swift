/// Strings (with escapes, `\u` and surrogate pairs) and skipping of whole values.
extension JSONRecordParser {
    /// Reads the key string at `pos` and appends its unescaped bytes to `path`.
    mutating func readKey() throws(JSONStop) {
        // Keys without escapes are copied straight from the buffer.
        let end = SWAR.findStringStop(buf, from: pos + 1, n)
        if end < n, buf[end] == 34 {
            appendToPath(buf + pos + 1, end - pos - 1)
            pos = end + 1
            return
        }
        let keyArena = ByteArena(capacity: 32)
        try readString(into: keyArena)
        appendToPath(UnsafePointer(keyArena.base), keyArena.count)
    }

    /// Reads the string at `pos` (at its opening quote), appending the unescaped bytes to `out`.
    mutating func readString(into out: ByteArena?) throws(JSONStop) {
        var i = pos + 1
        while true {
            let j = SWAR.findStringStop(buf, from: i, n)
            if j >= n { throw final ? fail("a string is not closed") : .incomplete }
            out?.append(buf + i, j - i)
            if buf[j] == 34 {
                pos = j + 1
                return
            }
            if buf[j] < 0x20 {
                pos = j
                throw controlCharacter(buf[j])
            }
            // Backslash escape.
            guard j + 1 < n else { throw final ? fail("a string is not closed") : .incomplete }
            let e = buf[j + 1]
            i = j + 2
            if let b = JSONEscape.simple(e) {
                out?.append(b)
                continue
            }
            switch e {
            case 117:
                var scalar = try hex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if i + 6 <= n, buf[i] == 92, buf[i + 1] == 117 {
                        let low = try hex4(at: i + 2)
                        scalar = JSONEscape.combine(high: scalar, low: low)
                        if scalar != 0xFFFD { i += 6 }
                    } else if i + 6 > n && !final {
                        throw .incomplete
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                if let out { Self.appendUTF8(scalar, to: out) }
            default:
                pos = j
                throw fail("invalid escape in a string")
            }
        }
    }

    /// RFC 8259 forbids U+0000...U+001F inside strings unescaped (a raw tab or line feed often
    /// means a record was cut or two were glued together).
    @inline(never)
    private func controlCharacter(_ c: UInt8) -> JSONStop {
        let hex = String(c, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: 4 - hex.count) + hex
        let names: [UInt8: String] = [9: " (tab)", 10: " (line feed)", 13: " (carriage return)", 0: " (NUL)"]
        return .failed(
            FormatError.at(
                .syntax, "a string holds an unescaped control character U+\(code)\(names[c] ?? "")",
                hint: "JSON (RFC 8259) requires control characters inside strings to be escaped, e.g. \\u\(code); fix the writer of this file",
                line: line, byteOffset: Int(bufferOffset) + pos))
    }

    private func hex4(at i: Int) throws(JSONStop) -> UInt32 {
        guard i + 4 <= n else { throw final ? fail("a string is not closed") : .incomplete }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = JSONEscape.hexDigit(buf[i + k]) else { throw fail("invalid \\u escape") }
            v = v << 4 | d
        }
        return v
    }

    static func appendUTF8(_ s: UInt32, to out: ByteArena) {
        if s < 0x80 {
            out.append(UInt8(s))
        } else if s < 0x800 {
            out.append(UInt8(0xC0 | s >> 6))
            out.append(UInt8(0x80 | s & 0x3F))
        } else if s < 0x10000 {
            out.append(UInt8(0xE0 | s >> 12))
            out.append(UInt8(0x80 | (s >> 6) & 0x3F))
            out.append(UInt8(0x80 | s & 0x3F))
        } else {
            out.append(UInt8(0xF0 | s >> 18))
            out.append(UInt8(0x80 | (s >> 12) & 0x3F))
            out.append(UInt8(0x80 | (s >> 6) & 0x3F))
            out.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// Steps over the string at `pos` (at its opening quote), checking it as ``readString(into:)``
    /// does (closed, no raw control characters, valid escapes) without copying it.
    mutating func skipString() throws(JSONStop) { try readString(into: nil) }

    /// Moves `pos` past the value at `pos` (checking its structure), counting line feeds.
    mutating func skipValue(depth: Int) throws(JSONStop) {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels") }
        guard pos < n else { throw .incomplete }
        switch buf[pos] {
        case 34:
            try skipString()
        case 123, 91:
            let close: UInt8 = buf[pos] == 123 ? 125 : 93
            let isObject = close == 125
            pos += 1
            guard skipSpace() else { throw .incomplete }
            if buf[pos] == close {
                pos += 1
                return
            }
            while true {
                guard skipSpace() else { throw .incomplete }
                if isObject {
                    guard buf[pos] == 34 else { throw fail("expected a key string") }
                    try skipString()
                    guard skipSpace() else { throw .incomplete }
                    guard buf[pos] == 58 else { throw fail("expected ':' after a key") }
                    pos += 1
                    guard skipSpace() else { throw .incomplete }
                }
                try skipValue(depth: depth + 1)
                guard skipSpace() else { throw .incomplete }
                let c = buf[pos]
                pos += 1
                if c == 44 { continue }
                if c == close { return }
                pos -= 1
                throw fail(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
            }
        case 116: try literal("true")
        case 102: try literal("false")
        case 110: try literal("null")
        default: try number()
        }
    }
}
