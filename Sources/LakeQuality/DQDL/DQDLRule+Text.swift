/// DQDL text for a ruleset: `Rules = [ ... ]`, one rule per line, then `Analyzers = [ ... ]` when
/// there are analyzers. `DQDLParser.parse` reads it back to an equal ruleset (positions aside).
extension DQDLRuleset {
    public var dqdl: String {
        var text = Self.list("Rules", rules.map(\.dqdl))
        if !analyzers.isEmpty {
            text += "\n\n" + Self.list("Analyzers", analyzers.map(\.dqdl))
        }
        return text
    }

    private static func list(_ name: String, _ items: [String]) -> String {
        "\(name) = [\n" + items.map { "    \($0)" }.joined(separator: ",\n") + "\n]"
    }
}

/// DQDL text for one rule: its body, then ` with level = warn` for warnings.
extension DQDLRule {
    public var dqdl: String {
        level == .warn ? "\(body.dqdl) with level = warn" : body.dqdl
    }
}

/// DQDL text for a rule body: a check, or its parts each in parentheses joined by `and` / `or`.
extension RuleBody {
    public var dqdl: String {
        switch self {
        case .check(let check): check.dqdl
        case .and(let parts): parts.map { "(\($0.dqdl))" }.joined(separator: " and ")
        case .or(let parts): parts.map { "(\($0.dqdl))" }.joined(separator: " or ")
        }
    }
}

/// DQDL text for one check: `ColumnValues "a" in ["x", "y"] with threshold > 0.9 with k = v`
/// (options sorted by name; values bare when they read back as the same word or number).
extension RuleCheck {
    public var dqdl: String {
        var parts = [type.rawValue] + columns.map(DQDLText.quoted)
        if let condition { parts.append(condition.dqdl) }
        if let threshold { parts.append("with threshold \(threshold.dqdl)") }
        for name in options.keys.sorted() {
            parts.append("with \(name) = \(DQDLText.optionValue(options[name] ?? ""))")
        }
        return parts.joined(separator: " ")
    }
}

/// DQDL text for a condition: `> 3`, `between 1 and 5`, `not in ["a"]`, `matches "re"`.
/// `.not` of a comparison is written as the opposite comparison (`not = x` as `!= x`).
extension Condition {
    public var dqdl: String {
        switch self {
        case .compare(let op, let operand): "\(op.rawValue) \(operand.dqdl)"
        case .between(let low, let high): "between \(low.dqdl) and \(high.dqdl)"
        case .inList(let values): "in [" + values.map(\.dqdl).joined(separator: ", ") + "]"
        case .matches(let pattern): "matches \(DQDLText.quoted(pattern))"
        case .not(let inner):
            switch inner {
            case .compare(let op, let operand): Condition.compare(DQDLText.opposite(op), operand).dqdl
            case .not(let twice): twice.dqdl
            default: "not \(inner.dqdl)"
            }
        }
    }
}

/// DQDL text for an operand: `12`, `"text"`, `NULL`, `now()`, `(now() - 3 days)`, `24 hours`.
extension Operand {
    public var dqdl: String {
        switch self {
        case .number(let value): DQDLText.number(value)
        case .string(let text): DQDLText.quoted(text)
        case .null: "NULL"
        case .empty: "EMPTY"
        case .whitespacesOnly: "WHITESPACES_ONLY"
        case .now(let offset) where offset == 0: "now()"
        case .now(let offset): "(now() \(offset < 0 ? "-" : "+") \(DQDLText.duration(abs(offset))))"
        case .duration(let seconds): DQDLText.duration(seconds)
        }
    }
}

/// Formatting helpers shared by the `dqdl` renderings.
enum DQDLText {
    /// A double-quoted string with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for char in text {
            if char == "\"" || char == "\\" { out.append("\\") }
            out.append(char)
        }
        return out + "\""
    }

    /// Whole numbers without a fraction (`12`), others as Swift prints them (`0.98`, `1e-05`).
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Seconds in the largest unit that divides them: `2 days`, `1 hour`, `90 minutes`, `1.5 seconds`.
    static func duration(_ seconds: Double) -> String {
        let units: [(name: String, size: Double)] = [("day", 86_400), ("hour", 3_600), ("minute", 60)]
        let unit = units.first { seconds != 0 && seconds.truncatingRemainder(dividingBy: $0.size) == 0 } ?? ("second", 1)
        let count = seconds / unit.size
        return "\(number(count)) \(unit.name)\(abs(count) == 1 ? "" : "s")"
    }

    /// An option value bare when it reads back as itself (a word or a number), quoted otherwise.
    static func optionValue(_ value: String) -> String {
        guard let tokens = try? DQDLLexer.tokenize(value) else { return quoted(value) }
        let significant = tokens.filter { $0.kind != .end }
        func isNumber(_ token: DQDLToken) -> Bool {
            if case .number = token.kind { true } else { false }
        }
        let bare = switch significant.count {
        case 1: significant[0].identifier != nil || isNumber(significant[0])
        case 2: significant[0].isSymbol(.minus) && isNumber(significant[1])
        default: false
        }
        return bare && significant.map(\.text).joined() == value ? value : quoted(value)
    }

    static func opposite(_ op: ComparisonOperator) -> ComparisonOperator {
        switch op {
        case .equal: .notEqual
        case .notEqual: .equal
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        }
    }
}
