/// Reads a DQDL document (`Rules = [ ... ]`, optionally with `Analyzers = [ ... ]`) into a
/// `DQDLRuleset`, or throws a `DQDLSyntaxError` saying what is wrong and where.
public enum DQDLParser {
    public static func parse(_ text: String) throws(DQDLSyntaxError) -> DQDLRuleset {
        var reader = DQDLReader(tokens: try DQDLLexer.tokenize(text))
        return try reader.document()
    }
}

/// A recursive-descent reader over the tokens of one document. The grammar is split over
/// `DQDLParser+Rules.swift` (rules, composites, checks) and `DQDLParser+Conditions.swift`.
struct DQDLReader {
    private let tokens: [DQDLToken]
    private var index = 0
    /// How many composite parentheses enclose the current position.
    var depth = 0
    static let maxDepth = 64

    init(tokens: [DQDLToken]) {
        self.tokens = tokens
    }

    var current: DQDLToken { token(at: index) }

    func peek(_ offset: Int = 1) -> DQDLToken { token(at: index + offset) }

    private func token(at position: Int) -> DQDLToken {
        if tokens.indices.contains(position) { return tokens[position] }
        let end = tokens.last?.position ?? SourcePosition(line: 1, column: 1)
        return DQDLToken(kind: .end, position: end, text: "")
    }

    @discardableResult
    mutating func advance() -> DQDLToken {
        let token = current
        if index < tokens.count { index += 1 }
        return token
    }

    /// Consumes `symbol` if it is next.
    mutating func skip(_ symbol: DQDLToken.Symbol) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes `symbol` or throws `message` at the current token.
    @discardableResult
    mutating func expect(_ symbol: DQDLToken.Symbol, _ message: String, hint: String? = nil) throws(DQDLSyntaxError) -> DQDLToken {
        guard current.isSymbol(symbol) else {
            throw DQDLSyntaxError("\(message), found \(current.quoted)", at: current.position, hint: hint)
        }
        return advance()
    }

    // MARK: - Document

    mutating func document() throws(DQDLSyntaxError) -> DQDLRuleset {
        var rules: [DQDLRule]?
        var analyzers: [RuleCheck]?
        while current.kind != .end {
            let head = current
            switch head.identifier {
            case "Rules":
                guard rules == nil else { throw DQDLSyntaxError("Rules is defined twice", at: head.position) }
                rules = try ruleList()
            case "Analyzers":
                guard analyzers == nil else { throw DQDLSyntaxError("Analyzers is defined twice", at: head.position) }
                analyzers = try analyzerList()
            default:
                throw unexpectedAtTopLevel(head, sawRules: rules != nil)
            }
        }
        guard let rules else {
            throw DQDLSyntaxError(
                "expected 'Rules = [ ... ]'", at: current.position,
                hint: "a DQDL document lists its rules as Rules = [ rule, rule, ... ]")
        }
        return DQDLRuleset(rules: rules, analyzers: analyzers ?? [])
    }

    private mutating func ruleList() throws(DQDLSyntaxError) -> [DQDLRule] {
        let name = advance()
        let open = try openList(name)
        var rules: [DQDLRule] = []
        if skip(.rightBracket) {
            throw DQDLSyntaxError(
                "no rules", at: name.position, hint: "Rules = [ ... ] needs at least one rule, e.g. Rules = [ RowCount > 0 ]")
        }
        repeat {
            try requireOpen("Rules", open)
            rules.append(try rule())
        } while try listContinues("Rules", open, item: "a rule")
        return rules
    }

    private mutating func analyzerList() throws(DQDLSyntaxError) -> [RuleCheck] {
        let name = advance()
        let open = try openList(name)
        var analyzers: [RuleCheck] = []
        if skip(.rightBracket) { return analyzers }
        repeat {
            try requireOpen("Analyzers", open)
            analyzers.append(try check(in: .analyzer).check)
        } while try listContinues("Analyzers", open, item: "an analyzer")
        return analyzers
    }

    /// Reads `= [` after a section name; returns the `[`.
    private mutating func openList(_ name: DQDLToken) throws(DQDLSyntaxError) -> DQDLToken {
        try expect(.equal, "expected '=' after \(name.text)", hint: "write \(name.text) = [ ... ]")
        return try expect(.leftBracket, "expected '[' after \(name.text) =", hint: "write \(name.text) = [ ... ]")
    }

    /// Throws "expected ']'" when the list ends (or the next section starts) before an item.
    private func requireOpen(_ name: String, _ open: DQDLToken) throws(DQDLSyntaxError) {
        if current.kind == .end || current.identifier == "Rules" || current.identifier == "Analyzers" {
            throw missingClose(name, open)
        }
    }

    /// After an item: consumes `,` and/or `]`; true when another item follows.
    private mutating func listContinues(_ name: String, _ open: DQDLToken, item: String) throws(DQDLSyntaxError) -> Bool {
        if skip(.comma) {
            return !skip(.rightBracket)
        }
        if skip(.rightBracket) { return false }
        let token = current
        if token.kind == .end || token.identifier == "Rules" || token.identifier == "Analyzers" {
            throw missingClose(name, open)
        }
        if let word = token.identifier, RuleType(rawValue: word) != nil {
            throw DQDLSyntaxError(
                "expected ',' or ']' after \(item), found \(token.quoted)", at: token.position,
                hint: "missing ',' before \(word)?")
        }
        if token.isSymbol(.leftParen) {
            throw DQDLSyntaxError(
                "expected ',' or ']' after \(item), found '('", at: token.position,
                hint: "separate \(name) entries with commas; join rules with and / or, each in parentheses")
        }
        if token.isKeyword("and") || token.isKeyword("or") {
            let word = token.text.lowercased()
            throw DQDLSyntaxError(
                "each rule joined by '\(word)' must be in parentheses", at: token.position,
                hint: "e.g. (IsComplete \"id\") \(word) (IsUnique \"id\")")
        }
        if let word = token.identifier {
            let suggestion = DQDLSuggestion.closest(to: word.lowercased(), among: ["with", "and", "or"], maxDistance: 2)
            throw DQDLSyntaxError(
                "unknown keyword '\(word)'", at: token.position,
                hint: suggestion.map { "did you mean \($0)?" } ?? "expected ',' or ']' after \(item)")
        }
        throw DQDLSyntaxError("expected ',' or ']' after \(item), found \(token.quoted)", at: token.position)
    }

    private func missingClose(_ name: String, _ open: DQDLToken) -> DQDLSyntaxError {
        DQDLSyntaxError(
            "expected ']' to close \(name)", at: current.position,
            hint: "the list opened with '[' at \(open.position)")
    }

    private func unexpectedAtTopLevel(_ token: DQDLToken, sawRules: Bool) -> DQDLSyntaxError {
        if let word = token.identifier {
            if word.lowercased() == "rules" || word.lowercased() == "analyzers" {
                let fixed = word.lowercased() == "rules" ? "Rules" : "Analyzers"
                return DQDLSyntaxError(
                    "unknown section '\(word)'", at: token.position, hint: "did you mean \(fixed)? (section names are case-sensitive)")
            }
            if RuleType(rawValue: word) != nil {
                return DQDLSyntaxError(
                    "expected 'Rules = [' before the first rule", at: token.position, hint: "wrap the rules in Rules = [ ... ]")
            }
        }
        let expected = sawRules ? "expected 'Analyzers = [ ... ]' or the end of the document" : "expected 'Rules = [ ... ]'"
        return DQDLSyntaxError("\(expected), found \(token.quoted)", at: token.position)
    }
}
