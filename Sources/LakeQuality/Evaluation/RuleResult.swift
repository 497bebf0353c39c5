import Foundation

/// PASS, FAIL or ERROR (the rule could not be evaluated: a missing column, a metric that does
/// not apply to the column's type).
public enum RuleOutcome: String, Sendable, Codable, Equatable {
    case pass = "PASS"
    case fail = "FAIL"
    case error = "ERROR"
}

/// How one rule of a ruleset fared on one scan.
public struct RuleResult: Sendable, Codable, Equatable {
    /// The rule as DQDL text.
    public var rule: String
    public var level: RuleLevel
    public var outcome: RuleOutcome
    /// The value the rule judged (a metric, or the share of rows that passed); nil for
    /// composites and existence checks.
    public var observed: Double?
    /// What the value was held to, as DQDL text (`> 0.98`), when the rule has a condition.
    public var threshold: String?
    public var message: String

    public init(rule: String, level: RuleLevel, outcome: RuleOutcome, observed: Double?, threshold: String?, message: String) {
        self.rule = rule
        self.level = level
        self.outcome = outcome
        self.observed = observed
        self.threshold = threshold
        self.message = message
    }

    /// Whether this result should fail a check: an error-level rule that did not pass.
    public var isBlocking: Bool { level == .error && outcome != .pass }

    /// How messages and tables show an observed value: whole numbers as such, others to six
    /// significant digits.
    public static func display(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.6g", x)
    }
}

/// One computed metric: a name as DQDL's rule types name them (`RowCount`, `Completeness`,
/// `Mean`...), the column(s) it is about (comma-joined; empty for the dataset) and its value.
public struct MetricValue: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var column: String
    public var value: Double

    public init(name: String, column: String, value: Double) {
        self.name = name
        self.column = column
        self.value = value
    }
}
