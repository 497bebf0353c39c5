/// One lexical unit of DQDL text, with where it starts and the text it was read from.
struct DQDLToken: Sendable, Equatable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// A bare word: rule type names, keywords, `NULL`, option names and values.
        case identifier(String)
        /// A double-quoted string, escapes resolved.
        case string(String)
        /// An unsigned number literal (signs are separate `minus` / `plus` symbols).
        case number(Double)
        case symbol(Symbol)
        /// End of the text.
        case end
    }

    /// Punctuation and operators.
    enum Symbol: String, Sendable, Equatable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
        case leftParen = "("
        case rightParen = ")"
        case leftBracket = "["
        case rightBracket = "]"
        case comma = ","
        case minus = "-"
        case plus = "+"
    }

    var kind: Kind
    var position: SourcePosition
    /// The token as written (for strings, with their quotes and escapes).
    var text: String

    /// The word, if this is an identifier.
    var identifier: String? {
        if case .identifier(let word) = kind { word } else { nil }
    }

    /// Whether this is the keyword `word`, compared case-insensitively.
    func isKeyword(_ word: String) -> Bool {
        identifier?.lowercased() == word
    }

    func isSymbol(_ symbol: Symbol) -> Bool {
        kind == .symbol(symbol)
    }

    /// The comparison operator this token spells, if any.
    var comparison: ComparisonOperator? {
        guard case .symbol(let symbol) = kind else { return nil }
        return ComparisonOperator(rawValue: symbol.rawValue)
    }

    /// How the token reads in an error message: `'with'`, `"colA"`, `12`, `end of input`.
    var quoted: String {
        switch kind {
        case .end: "end of input"
        case .string: text
        case .number: text
        case .identifier, .symbol: "'\(text)'"
        }
    }
}

/// Splits DQDL text into tokens. `#` starts a comment running to the end of the line; strings are
/// double-quoted on one line, with `\"` and `\\` as escapes (any other backslash is kept as
/// written, so regular expressions such as `"\d+"` read naturally).
enum DQDLLexer {
    static func tokenize(_ text: String) throws(DQDLSyntaxError) -> [DQDLToken] {
        var scanner = Scanner(Array(text))
        var tokens: [DQDLToken] = []
        while true {
            let token = try scanner.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// A cursor over the characters that tracks line and column.
    private struct Scanner {
        let chars: [Character]
        var index = 0
        var line = 1
        var column = 1

        init(_ chars: [Character]) {
            self.chars = chars
        }

        var position: SourcePosition { SourcePosition(line: line, column: column) }

        func peek(_ offset: Int = 0) -> Character? {
            let at = index + offset
            return at < chars.count ? chars[at] : nil
        }

        mutating func advance() {
            guard index < chars.count else { return }
            if chars[index].isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        mutating func skipBlanksAndComments() {
            while let char = peek() {
                if char.isWhitespace {
                    advance()
                } else if char == "#" {
                    while let next = peek(), !next.isNewline { advance() }
                } else {
                    return
                }
            }
        }

        mutating func next() throws(DQDLSyntaxError) -> DQDLToken {
            skipBlanksAndComments()
            let start = position
            let startIndex = index
            guard let char = peek() else { return DQDLToken(kind: .end, position: start, text: "") }
            if char == "\"" { return try string(start: start) }
            if Self.isDigit(char) { return try number(start: start) }
            if char.isLetter || char == "_" {
                while let next = peek(), next.isLetter || Self.isDigit(next) || next == "_" { advance() }
                let word = String(chars[startIndex..<index])
                return DQDLToken(kind: .identifier(word), position: start, text: word)
            }
            if let symbol = symbol() {
                return DQDLToken(kind: .symbol(symbol), position: start, text: symbol.rawValue)
            }
            throw DQDLSyntaxError("unexpected character '\(char)'", at: start, hint: Self.hint(for: char))
        }

        private mutating func symbol() -> DQDLToken.Symbol? {
            guard let char = peek() else { return nil }
            let followedByEqual = peek(1) == "="
            let symbol: DQDLToken.Symbol? = switch char {
            case "=": .equal
            case "!": followedByEqual ? .notEqual : nil
            case ">": followedByEqual ? .greaterOrEqual : .greater
            case "<": followedByEqual ? .lessOrEqual : .less
            case "(": .leftParen
            case ")": .rightParen
            case "[": .leftBracket
            case "]": .rightBracket
            case ",": .comma
            case "-": .minus
            case "+": .plus
            default: nil
            }
            guard let symbol else { return nil }
            for _ in symbol.rawValue { advance() }
            return symbol
        }

        private mutating func string(start: SourcePosition) throws(DQDLSyntaxError) -> DQDLToken {
            let startIndex = index
            advance()
            var value = ""
            while true {
                guard let char = peek(), !char.isNewline else {
                    throw DQDLSyntaxError(
                        "unterminated string", at: start,
                        hint: "close it with '\"' on the same line; write \\\" for a quote inside")
                }
                advance()
                if char == "\"" { break }
                if char == "\\", let escaped = peek(), escaped == "\"" || escaped == "\\" {
                    value.append(escaped)
                    advance()
                } else {
                    value.append(char)
                }
            }
            return DQDLToken(kind: .string(value), position: start, text: String(chars[startIndex..<index]))
        }

        private mutating func number(start: SourcePosition) throws(DQDLSyntaxError) -> DQDLToken {
            let startIndex = index
            digits()
            if peek() == "." {
                guard let after = peek(1), Self.isDigit(after) else {
                    throw DQDLSyntaxError("expected digits after '.' in a number", at: position)
                }
                advance()
                digits()
            }
            if peek() == "e" || peek() == "E" {
                let signed = peek(1) == "+" || peek(1) == "-"
                if let first = peek(signed ? 2 : 1), Self.isDigit(first) {
                    advance()
                    if signed { advance() }
                    digits()
                }
            }
            let text = String(chars[startIndex..<index])
            guard let value = Double(text) else {
                throw DQDLSyntaxError("'\(text)' is not a number", at: start)
            }
            return DQDLToken(kind: .number(value), position: start, text: text)
        }

        private mutating func digits() {
            while let char = peek(), Self.isDigit(char) { advance() }
        }

        static func isDigit(_ char: Character) -> Bool {
            char.isASCII && char.isWholeNumber
        }

        static func hint(for char: Character) -> String? {
            switch char {
            case "!": "use '!=' for not equal"
            case "'": "strings are written in double quotes"
            case "\u{201C}", "\u{201D}": "use straight double quotes (\")"
            case ".": "write numbers with a leading digit, e.g. 0.5"
            default: nil
            }
        }
    }
}
