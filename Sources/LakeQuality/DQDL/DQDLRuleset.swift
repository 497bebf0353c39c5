/// A parsed DQDL document: `Rules = [ ... ]` and, optionally, `Analyzers = [ ... ]` (metrics to
/// compute and record without judging them). AWS Glue Data Quality's rule language, the subset
/// SwiftLake evaluates; `DQDLParser` reads it, `DQDLRule.dqdl` writes it back.
public struct DQDLRuleset: Sendable, Equatable {
    public var rules: [DQDLRule]
    public var analyzers: [RuleCheck]

    public init(rules: [DQDLRule], analyzers: [RuleCheck] = []) {
        self.rules = rules
        self.analyzers = analyzers
    }

    /// Every column any rule or analyzer names, in order of first mention.
    public var columns: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for name in rules.flatMap(\.body.checks).flatMap(\.columns) + analyzers.flatMap(\.columns) where seen.insert(name).inserted {
            out.append(name)
        }
        return out
    }
}

/// Where something is in the DQDL text: 1-based line and column (in characters).
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "line \(line), column \(column)" }
}

/// How much a failing rule matters: `error` (the default) fails a check, `warn` only records.
public enum RuleLevel: String, Sendable, Equatable, Codable {
    case error
    case warn
}

/// One entry of `Rules = [...]`: a check or a composite, with its level and where it was.
public struct DQDLRule: Sendable, Equatable {
    public var body: RuleBody
    public var level: RuleLevel
    public var position: SourcePosition

    public init(body: RuleBody, level: RuleLevel = .error, position: SourcePosition = SourcePosition(line: 1, column: 1)) {
        self.body = body
        self.level = level
        self.position = position
    }
}

/// A single check, or checks joined by `and` / `or` (each operand in parentheses in DQDL).
public indirect enum RuleBody: Sendable, Equatable {
    case check(RuleCheck)
    case and([RuleBody])
    case or([RuleBody])

    /// The single checks inside, depth first.
    public var checks: [RuleCheck] {
        switch self {
        case .check(let check): [check]
        case .and(let parts), .or(let parts): parts.flatMap(\.checks)
        }
    }
}

/// One rule type applied to its columns: `ColumnValues "country" in ["US","DE"] with threshold > 0.98`.
public struct RuleCheck: Sendable, Equatable {
    public var type: RuleType
    /// Column names (quoted in DQDL); `DetectAnomalies` keeps its metric's rule type name first.
    public var columns: [String]
    /// The expression the rule's value must satisfy; nil for rules that take none (`IsComplete`).
    public var condition: Condition?
    /// `with threshold <op> x`: the share of rows that must satisfy `condition`.
    public var threshold: Condition?
    /// Other `with <name> = <value>` options, e.g. `strategy` and its parameters on `DetectAnomalies`.
    public var options: [String: String]
    public var position: SourcePosition

    public init(
        type: RuleType, columns: [String] = [], condition: Condition? = nil, threshold: Condition? = nil,
        options: [String: String] = [:], position: SourcePosition = SourcePosition(line: 1, column: 1)
    ) {
        self.type = type
        self.columns = columns
        self.condition = condition
        self.threshold = threshold
        self.options = options
        self.position = position
    }
}

/// The rule types SwiftLake evaluates (DQDL names, case-sensitive).
public enum RuleType: String, Sendable, Equatable, CaseIterable, Codable {
    case rowCount = "RowCount"
    case columnCount = "ColumnCount"
    case columnExists = "ColumnExists"
    case columnDataType = "ColumnDataType"
    case isComplete = "IsComplete"
    case completeness = "Completeness"
    case isUnique = "IsUnique"
    case isPrimaryKey = "IsPrimaryKey"
    case uniqueness = "Uniqueness"
    case uniqueValueRatio = "UniqueValueRatio"
    case distinctValuesCount = "DistinctValuesCount"
    case columnValues = "ColumnValues"
    case columnLength = "ColumnLength"
    case mean = "Mean"
    case sum = "Sum"
    case standardDeviation = "StandardDeviation"
    case entropy = "Entropy"
    case columnCorrelation = "ColumnCorrelation"
    case dataFreshness = "DataFreshness"
    case detectAnomalies = "DetectAnomalies"
}

/// An expression a value is held to.
public indirect enum Condition: Sendable, Equatable {
    /// `= x`, `!= x`, `> x`, `>= x`, `< x`, `<= x`.
    case compare(ComparisonOperator, Operand)
    /// `between a and b` (exclusive at both ends, as in DQDL).
    case between(Operand, Operand)
    /// `in [a, b, ...]`.
    case inList([Operand])
    /// `matches "regex"` (the whole value must match).
    case matches(String)
    /// `not <condition>` (`not in`, `not between`, `not matches`); `!=` and `not in` pass nulls.
    case not(Condition)
}

/// `=`, `!=`, `>`, `>=`, `<`, `<=`.
public enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
}

/// A literal or keyword on the right of a condition.
public enum Operand: Sendable, Equatable {
    case number(Double)
    case string(String)
    /// `NULL`: matches a missing value.
    case null
    /// `EMPTY`: matches "".
    case empty
    /// `WHITESPACES_ONLY`: a non-empty value of only spaces, tabs and newlines.
    case whitespacesOnly
    /// `now()`, or `(now() - 3 days)` / `(now() + 4 hours)`: `offset` seconds added to the check's time.
    case now(offset: Double)
    /// A duration such as `24 hours` or `2 days` (DataFreshness), in seconds.
    case duration(Double)
}
