import Foundation

/// Conditions (`> 3`, `between a and b`, `in [...]`, `matches "re"`, `not ...`) and operands.
extension DQDLReader {
    mutating func condition(for shape: DQDLRuleShape) throws(DQDLSyntaxError) -> Condition {
        let head = current
        if let op = head.comparison {
            if shape.operands == .typeNames, op != .equal { throw typeNameError(shape, at: head) }
            advance()
            return .compare(op, try operand(for: shape))
        }
        if head.isKeyword("not") {
            if shape.operands == .typeNames { throw typeNameError(shape, at: head) }
            advance()
            let next = current
            guard next.isKeyword("between") || next.isKeyword("in") || next.isKeyword("matches") else {
                throw DQDLSyntaxError(
                    "expected 'between', 'in' or 'matches' after 'not', found \(next.quoted)", at: next.position,
                    hint: next.comparison == .equal ? "use != for not equal" : nil)
            }
            return .not(try keywordCondition(for: shape))
        }
        return try keywordCondition(for: shape)
    }

    /// `between a and b`, `in [...]`, `matches "re"`.
    private mutating func keywordCondition(for shape: DQDLRuleShape) throws(DQDLSyntaxError) -> Condition {
        let head = current
        if head.isKeyword("between") {
            if shape.operands == .typeNames { throw typeNameError(shape, at: head) }
            advance()
            let low = try operand(for: shape)
            guard current.isKeyword("and") else {
                throw DQDLSyntaxError(
                    "expected 'and' in 'between ... and ...', found \(current.quoted)", at: current.position,
                    hint: "e.g. between 1 and 10")
            }
            advance()
            return .between(low, try operand(for: shape))
        }
        if head.isKeyword("in") {
            advance()
            return .inList(try list(for: shape))
        }
        guard head.isKeyword("matches") else {
            throw DQDLSyntaxError("expected a condition, found \(head.quoted)", at: head.position)
        }
        guard shape.operands == .values else {
            if shape.operands == .typeNames { throw typeNameError(shape, at: head) }
            throw DQDLSyntaxError(
                "\(shape.type.rawValue) cannot use 'matches'", at: head.position, hint: "matches applies to ColumnValues")
        }
        advance()
        let token = current
        guard case .string(let pattern) = token.kind else {
            throw DQDLSyntaxError(
                "expected a regular expression in double quotes after 'matches', found \(token.quoted)", at: token.position,
                hint: "e.g. matches \"[A-Z]{2}\"")
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw DQDLSyntaxError("invalid regular expression \(token.text)", at: token.position)
        }
        advance()
        return .matches(pattern)
    }

    /// `[a, b, ...]` after `in` (a trailing comma is allowed).
    private mutating func list(for shape: DQDLRuleShape) throws(DQDLSyntaxError) -> [Operand] {
        let open = try expect(.leftBracket, "expected '[' after 'in'", hint: "e.g. in [\"A\", \"B\"]")
        if current.isSymbol(.rightBracket) {
            throw DQDLSyntaxError("empty list after 'in'", at: current.position, hint: "list at least one value")
        }
        var values: [Operand] = []
        while true {
            values.append(try operand(for: shape))
            if skip(.comma) {
                if skip(.rightBracket) { return values }
                if current.kind != .end { continue }
            } else if skip(.rightBracket) {
                return values
            }
            let hint = current.kind == .end ? "the list opened with '[' at \(open.position)" : "separate values with commas"
            throw DQDLSyntaxError("expected ',' or ']' in the list, found \(current.quoted)", at: current.position, hint: hint)
        }
    }

    // MARK: - Operands

    /// An operand, checked against what the rule type allows.
    private mutating func operand(for shape: DQDLRuleShape) throws(DQDLSyntaxError) -> Operand {
        let token = current
        let value = try operand()
        let type = shape.type.rawValue
        switch (shape.operands, value) {
        case (.numbers, .number), (.durations, .duration), (.typeNames, .string):
            return value
        case (.values, .duration):
            throw DQDLSyntaxError(
                "a bare duration only applies to DataFreshness", at: token.position,
                hint: "compare dates with (now() - 3 days)")
        case (.values, _):
            return value
        case (.numbers, _):
            throw DQDLSyntaxError("\(type) compares numbers: expected a number, found \(token.quoted)", at: token.position)
        case (.durations, .number):
            throw DQDLSyntaxError(
                "\(type) needs a duration such as 24 hours, found \(token.quoted)", at: token.position,
                hint: "add a unit: days, hours, minutes or seconds")
        case (.durations, _):
            throw DQDLSyntaxError("\(type) needs a duration such as 24 hours, found \(token.quoted)", at: token.position)
        case (.typeNames, _):
            throw DQDLSyntaxError(
                "\(type) needs a type name in double quotes, found \(token.quoted)", at: token.position,
                hint: "e.g. ColumnDataType \"id\" = \"INTEGER\"")
        }
    }

    private func typeNameError(_ shape: DQDLRuleShape, at token: DQDLToken) -> DQDLSyntaxError {
        DQDLSyntaxError(
            "\(shape.type.rawValue) needs = \"TYPE\" or in [\"TYPE\", ...], found \(token.quoted)", at: token.position,
            hint: "e.g. ColumnDataType \"id\" = \"INTEGER\"")
    }

    /// A number (with an optional sign and time unit), a string, `NULL`, `EMPTY`,
    /// `WHITESPACES_ONLY`, `now()` or `(now() ± n unit)`.
    private mutating func operand() throws(DQDLSyntaxError) -> Operand {
        let token = current
        if let number = signedNumber() {
            if let unit = Self.unitSeconds(current) {
                advance()
                return .duration(number.value * unit)
            }
            return .number(number.value)
        }
        switch token.kind {
        case .string(let text):
            advance()
            return .string(text)
        case .symbol(.leftParen):
            return try nowArithmetic()
        case .identifier(let word):
            switch word {
            case "NULL": advance(); return .null
            case "EMPTY": advance(); return .empty
            case "WHITESPACES_ONLY": advance(); return .whitespacesOnly
            default: break
            }
            if token.isKeyword("now") {
                try now()
                if current.isSymbol(.minus) || current.isSymbol(.plus) {
                    throw DQDLSyntaxError(
                        "now() arithmetic must be in parentheses", at: token.position, hint: "e.g. (now() - 3 days)")
                }
                return .now(offset: 0)
            }
            throw unknownKeyword(token, word: word)
        default:
            let hint: String? = token.isSymbol(.equal) ? "write '=' once" : nil
            throw DQDLSyntaxError(
                "expected a value (a number, a quoted string, NULL, EMPTY, WHITESPACES_ONLY or now()), found \(token.quoted)",
                at: token.position, hint: hint)
        }
    }

    /// `now()`.
    private mutating func now() throws(DQDLSyntaxError) {
        let word = advance()
        try expect(.leftParen, "expected '(' after '\(word.text)'", hint: "write now()")
        try expect(.rightParen, "expected ')' after 'now('", hint: "write now()")
    }

    /// `(now())`, `(now() - n unit)` or `(now() + n unit)`.
    private mutating func nowArithmetic() throws(DQDLSyntaxError) -> Operand {
        let open = advance()
        guard current.isKeyword("now") else {
            throw DQDLSyntaxError(
                "expected 'now()' after '(', found \(current.quoted)", at: current.position, hint: "e.g. (now() - 3 days)")
        }
        try now()
        var offset = 0.0
        if current.isSymbol(.minus) || current.isSymbol(.plus) {
            let sign: Double = advance().isSymbol(.minus) ? -1 : 1
            guard case .number(let amount) = current.kind else {
                throw DQDLSyntaxError(
                    "expected a number after 'now() \(sign < 0 ? "-" : "+")', found \(current.quoted)", at: current.position,
                    hint: "e.g. (now() - 3 days)")
            }
            let amountToken = advance()
            guard let unit = Self.unitSeconds(current) else {
                throw DQDLSyntaxError(
                    "expected a time unit (days, hours, minutes or seconds) after \(amountToken.text), found \(current.quoted)",
                    at: current.position)
            }
            advance()
            offset = sign * amount * unit
        }
        guard current.isSymbol(.rightParen) else {
            throw DQDLSyntaxError(
                "expected ')', found \(current.quoted)", at: current.position, hint: "the '(' is at \(open.position)")
        }
        advance()
        return .now(offset: offset)
    }

    private func unknownKeyword(_ token: DQDLToken, word: String) -> DQDLSyntaxError {
        let lower = word.lowercased()
        let hint: String
        if let keyword = ["NULL", "EMPTY", "WHITESPACES_ONLY"].first(where: { $0.lowercased() == lower }) {
            hint = "did you mean \(keyword)? (written in capitals)"
        } else if ["avg", "last", "min", "max", "std", "index"].contains(lower) {
            hint = "dynamic rules (avg, last, min, max, ...) are not supported by SwiftLake"
        } else {
            hint = "strings are written in double quotes: \"\(word)\""
        }
        return DQDLSyntaxError("unknown keyword '\(word)'", at: token.position, hint: hint)
    }

    /// Seconds in the time unit `token` names (`day`, `days`, `hour`, ...), if it names one.
    static func unitSeconds(_ token: DQDLToken) -> Double? {
        switch token.identifier?.lowercased() {
        case "day"?, "days"?: 86_400
        case "hour"?, "hours"?: 3_600
        case "minute"?, "minutes"?: 60
        case "second"?, "seconds"?: 1
        default: nil
        }
    }
}
