/// Rules, composites and single checks.
extension DQDLReader {
    /// Where a check appears: `Rules` entries take conditions, thresholds and levels; `Analyzers`
    /// entries are bare metrics.
    enum CheckContext {
        case rule, analyzer
    }

    /// A check and the `with level = ...` that followed it, if any.
    struct ParsedCheck {
        var check: RuleCheck
        var level: RuleLevel?
        /// Where its `with level` clause starts.
        var levelPosition: SourcePosition?
    }

    // MARK: - Rules and composites

    /// One `Rules` entry: a check, or parenthesised checks joined by `and` / `or`, then an
    /// optional `with level = warn|error` for the whole.
    mutating func rule() throws(DQDLSyntaxError) -> DQDLRule {
        let head = current
        if head.isSymbol(.leftParen) {
            let body = try composite()
            let level = try compositeLevel()
            return DQDLRule(body: body, level: level ?? .error, position: head.position)
        }
        let parsed = try check(in: .rule)
        return DQDLRule(body: .check(parsed.check), level: parsed.level ?? .error, position: head.position)
    }

    /// `(a) and (b) and ...` or `(a) or (b) ...`; a lone `(a)` is just `a`.
    private mutating func composite() throws(DQDLSyntaxError) -> RuleBody {
        let first = try group()
        var parts: [RuleBody] = [first]
        var joiner: String?
        while current.isKeyword("and") || current.isKeyword("or") {
            let word = current.text.lowercased()
            if let joiner, joiner != word {
                throw DQDLSyntaxError(
                    "cannot mix 'and' and 'or' without parentheses", at: current.position,
                    hint: "group them, e.g. ((A) and (B)) or (C)")
            }
            joiner = word
            advance()
            guard current.isSymbol(.leftParen) else {
                throw DQDLSyntaxError(
                    "expected '(' after '\(word)': each rule joined by '\(word)' must be in parentheses, found \(current.quoted)",
                    at: current.position, hint: "e.g. (IsComplete \"id\") \(word) (IsUnique \"id\")")
            }
            parts.append(try group())
        }
        switch joiner {
        case "and"?: return .and(parts)
        case "or"?: return .or(parts)
        default: return first
        }
    }

    /// `( rule-body )`.
    private mutating func group() throws(DQDLSyntaxError) -> RuleBody {
        let open = advance()
        guard depth < Self.maxDepth else {
            throw DQDLSyntaxError("rules are nested too deeply", at: open.position, hint: "at most \(Self.maxDepth) levels of parentheses")
        }
        depth += 1
        let body: RuleBody
        if current.isSymbol(.leftParen) {
            body = try composite()
        } else if current.identifier != nil {
            let parsed = try check(in: .rule)
            if let levelPosition = parsed.levelPosition {
                throw DQDLSyntaxError(
                    "'with level' applies to a whole rule, not to a part of a composite", at: levelPosition,
                    hint: "put 'with level = ...' after the last ')'")
            }
            body = .check(parsed.check)
        } else {
            throw DQDLSyntaxError("expected a rule after '(', found \(current.quoted)", at: current.position)
        }
        depth -= 1
        guard current.isSymbol(.rightParen) else {
            let hint = current.isKeyword("and") || current.isKeyword("or")
                ? "each rule joined by and / or must be in its own parentheses: (A) and (B)"
                : "the '(' is at \(open.position)"
            throw DQDLSyntaxError("expected ')', found \(current.quoted)", at: current.position, hint: hint)
        }
        advance()
        return body
    }

    /// The `with level = ...` clauses that may follow a composite; nothing else may.
    private mutating func compositeLevel() throws(DQDLSyntaxError) -> RuleLevel? {
        var level: RuleLevel?
        while current.isKeyword("with") {
            advance()
            let name = current
            guard name.isKeyword("level") else {
                throw DQDLSyntaxError(
                    "only 'with level' can follow a composite rule, found \(name.quoted)", at: name.position,
                    hint: "put other options inside the parentheses of the rule they belong to")
            }
            guard level == nil else { throw DQDLSyntaxError("level is given twice", at: name.position) }
            advance()
            level = try levelValue()
        }
        try rejectWhere()
        return level
    }

    // MARK: - Checks

    /// `RuleType "col"... [condition] [with ...]...`.
    mutating func check(in context: CheckContext) throws(DQDLSyntaxError) -> ParsedCheck {
        let head = current
        let type = try ruleType()
        let shape = DQDLRuleShape(type)
        if context == .analyzer, !shape.isMetric {
            throw DQDLSyntaxError(
                "\(type.rawValue) is not an analyzer", at: head.position,
                hint: "analyzers compute metrics: " + DQDLRuleShape.metricTypes.map(\.rawValue).joined(separator: ", "))
        }
        var parsed = ParsedCheck(check: RuleCheck(type: type, position: head.position))
        parsed.check.columns = try columns(for: shape)
        try rejectWhere()
        if startsCondition {
            if context == .analyzer {
                throw DQDLSyntaxError(
                    "analyzers take no condition", at: current.position,
                    hint: "an analyzer only records \(type.rawValue); move it to Rules = [ ... ] to check it")
            }
            guard shape.needsCondition else {
                throw DQDLSyntaxError("\(type.rawValue) takes no condition", at: current.position, hint: shape.noConditionHint)
            }
            parsed.check.condition = try condition(for: shape)
        } else if shape.needsCondition, context == .rule {
            throw missingCondition(shape)
        }
        try rejectWhere()
        while current.isKeyword("with") {
            try withClause(into: &parsed, shape: shape, context: context)
            try rejectWhere()
        }
        return parsed
    }

    private mutating func ruleType() throws(DQDLSyntaxError) -> RuleType {
        let token = current
        guard let word = token.identifier else {
            let hint: String? = if case .string = token.kind { "rule types are bare words, e.g. IsComplete \"id\"" } else { nil }
            throw DQDLSyntaxError("expected a rule type, found \(token.quoted)", at: token.position, hint: hint)
        }
        if let type = RuleType(rawValue: word) {
            advance()
            return type
        }
        if DQDLRuleShape.unsupportedAWSTypes.contains(word) {
            throw DQDLSyntaxError("rule type '\(word)' is not supported by SwiftLake", at: token.position)
        }
        let suggestion = DQDLSuggestion.closest(to: word, among: RuleType.allCases.map(\.rawValue))
        throw DQDLSyntaxError(
            "unknown rule type '\(word)'", at: token.position,
            hint: suggestion.map { "did you mean \($0)?" })
    }

    // MARK: - Columns

    private mutating func columns(for shape: DQDLRuleShape) throws(DQDLSyntaxError) -> [String] {
        let type = shape.type.rawValue
        var names: [(name: String, position: SourcePosition)] = []
        while case .string(let name) = current.kind {
            names.append((name, current.position))
            advance()
        }
        if shape.columns == .metric { return try metricColumns(names) }
        if let empty = names.first(where: { $0.name.isEmpty }) {
            throw DQDLSyntaxError("empty column name", at: empty.position)
        }
        switch shape.columns.count {
        case 0 where !names.isEmpty:
            throw DQDLSyntaxError("\(type) takes no column names", at: names[0].position, hint: "e.g. \(shape.example)")
        case 1 where names.count > 1:
            throw DQDLSyntaxError(
                "\(type) takes 1 column name, found \(names.count)", at: names[1].position,
                hint: shape.type == .isUnique ? "use IsPrimaryKey for a key of several columns" : nil)
        case 2 where names.count != 2:
            throw DQDLSyntaxError(
                "\(type) needs 2 column names", at: names.count > 2 ? names[2].position : current.position,
                hint: "found \(names.count), e.g. \(shape.example)")
        default:
            break
        }
        if names.isEmpty, shape.columns != .none {
            throw missingColumn(after: type, example: shape.example)
        }
        return names.map(\.name)
    }

    /// `DetectAnomalies "Metric" "col"...`: the metric's name, then its columns.
    private func metricColumns(_ names: [(name: String, position: SourcePosition)]) throws(DQDLSyntaxError) -> [String] {
        guard let metric = names.first else {
            throw DQDLSyntaxError(
                "expected a metric's rule type name in double quotes after DetectAnomalies", at: current.position,
                hint: "e.g. DetectAnomalies \"RowCount\" or DetectAnomalies \"Completeness\" \"id\"")
        }
        let metrics = DQDLRuleShape.metricTypes.map(\.rawValue)
        guard let type = RuleType(rawValue: metric.name), DQDLRuleShape.metricTypes.contains(type) else {
            let suggestion = DQDLSuggestion.closest(to: metric.name, among: metrics)
            throw DQDLSyntaxError(
                "'\(metric.name)' is not a metric DetectAnomalies can watch", at: metric.position,
                hint: suggestion.map { "did you mean \($0)?" } ?? "one of " + metrics.joined(separator: ", "))
        }
        let shape = DQDLRuleShape(type)
        let columns = names.dropFirst()
        if let empty = columns.first(where: { $0.name.isEmpty }) {
            throw DQDLSyntaxError("empty column name", at: empty.position)
        }
        let expected = shape.columns.count ?? 1
        if columns.count != expected {
            let what = switch expected {
            case 0: "takes no column names"
            case 1: "needs 1 column name"
            default: "needs \(expected) column names"
            }
            let position = columns.count > expected ? names[expected + 1].position : current.position
            let example = "DetectAnomalies \"\(type.rawValue)\"" + ["a", "b"].prefix(expected).map { " \"\($0)\"" }.joined()
            throw DQDLSyntaxError(
                "DetectAnomalies \"\(type.rawValue)\" \(what)", at: position, hint: "found \(columns.count), e.g. \(example)")
        }
        return names.map(\.name)
    }

    private func missingColumn(after type: String, example: String) -> DQDLSyntaxError {
        let token = current
        let hint: String = if let word = token.identifier, !Self.clauseKeywords.contains(word.lowercased()) {
            "column names are written in double quotes: \"\(word)\""
        } else {
            "e.g. \(example)"
        }
        return DQDLSyntaxError("expected a column name in double quotes after \(type)", at: token.position, hint: hint)
    }

    static let clauseKeywords: Set<String> = ["with", "where", "and", "or", "not", "in", "between", "matches"]

    // MARK: - Conditions present or missing

    var startsCondition: Bool {
        current.comparison != nil || ["between", "in", "matches", "not"].contains { current.isKeyword($0) }
    }

    private func missingCondition(_ shape: DQDLRuleShape) -> DQDLSyntaxError {
        let token = current
        if let word = token.identifier,
           let keyword = DQDLSuggestion.closest(to: word.lowercased(), among: ["between", "in", "matches", "not"], maxDistance: 2) {
            return DQDLSyntaxError("unknown keyword '\(word)'", at: token.position, hint: "did you mean \(keyword)?")
        }
        return DQDLSyntaxError("\(shape.type.rawValue) needs a condition", at: token.position, hint: "e.g. \(shape.example)")
    }

    mutating func rejectWhere() throws(DQDLSyntaxError) {
        guard current.isKeyword("where") else { return }
        throw DQDLSyntaxError(
            "'where' clauses are not supported by SwiftLake", at: current.position,
            hint: "filter the data before checking it, or drop the where clause")
    }

    // MARK: - with clauses

    /// `with threshold <op> n`, `with level = warn|error`, or `with <name> = <value>`.
    private mutating func withClause(into parsed: inout ParsedCheck, shape: DQDLRuleShape, context: CheckContext) throws(DQDLSyntaxError) {
        let with = advance()
        let name = current
        let type = shape.type.rawValue
        if name.isKeyword("threshold") {
            guard context == .rule else { throw DQDLSyntaxError("analyzers take no threshold", at: name.position) }
            guard shape.acceptsThreshold else {
                throw DQDLSyntaxError(
                    "\(type) takes no threshold", at: name.position,
                    hint: "only ColumnValues, ColumnLength and DataFreshness accept 'with threshold'")
            }
            guard parsed.check.threshold == nil else { throw DQDLSyntaxError("threshold is given twice", at: name.position) }
            advance()
            parsed.check.threshold = try threshold()
        } else if name.isKeyword("level") {
            guard context == .rule else { throw DQDLSyntaxError("analyzers take no level", at: name.position) }
            guard parsed.level == nil else { throw DQDLSyntaxError("level is given twice", at: name.position) }
            advance()
            parsed.level = try levelValue()
            parsed.levelPosition = with.position
        } else if let option = name.identifier {
            guard parsed.check.options[option] == nil else {
                throw DQDLSyntaxError("option '\(option)' is given twice", at: name.position)
            }
            advance()
            try expect(.equal, "expected '=' after option '\(option)'", hint: "options are written as with \(option) = value")
            parsed.check.options[option] = try optionValue()
        } else {
            throw DQDLSyntaxError(
                "expected an option name after 'with', found \(name.quoted)", at: name.position,
                hint: "e.g. with threshold > 0.9, with level = warn")
        }
    }

    /// `<op> number` after `with threshold`.
    private mutating func threshold() throws(DQDLSyntaxError) -> Condition {
        guard let op = current.comparison else {
            throw DQDLSyntaxError(
                "expected a comparison operator after 'with threshold', found \(current.quoted)", at: current.position,
                hint: "e.g. with threshold > 0.9")
        }
        advance()
        guard let number = signedNumber() else {
            throw DQDLSyntaxError(
                "expected a number after 'with threshold \(op.rawValue)', found \(current.quoted)", at: current.position,
                hint: "the threshold is the share of rows that must pass, e.g. 0.9")
        }
        return .compare(op, .number(number.value))
    }

    /// `= warn` or `= error` after `with level`.
    mutating func levelValue() throws(DQDLSyntaxError) -> RuleLevel {
        try expect(.equal, "expected '=' after 'with level'", hint: "write with level = warn")
        let token = current
        guard let word = token.identifier, let level = RuleLevel(rawValue: word.lowercased()) else {
            throw DQDLSyntaxError("level must be warn or error, found \(token.quoted)", at: token.position)
        }
        advance()
        return level
    }

    /// An option's value as text: a quoted string's contents, a bare word, or a number as written.
    private mutating func optionValue() throws(DQDLSyntaxError) -> String {
        let token = current
        switch token.kind {
        case .string(let text), .identifier(let text):
            advance()
            return text
        default:
            guard let number = signedNumber() else {
                throw DQDLSyntaxError(
                    "expected an option value (a quoted string, a word or a number), found \(token.quoted)", at: token.position)
            }
            return number.text
        }
    }

    /// An optionally signed number literal: its value and its text (`-2.0`).
    mutating func signedNumber() -> (value: Double, text: String)? {
        var sign = ""
        var offset = 0
        if current.isSymbol(.minus) || current.isSymbol(.plus) {
            sign = current.isSymbol(.minus) ? "-" : ""
            offset = 1
        }
        guard case .number(let value) = peek(offset).kind else { return nil }
        let text = sign + peek(offset).text
        for _ in 0...offset { advance() }
        return (sign.isEmpty ? value : -value, text)
    }
}
