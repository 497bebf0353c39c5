import Foundation

/// What one scan must compute for a list of checks: per-column needs, row-level counters,
/// correlated pairs and composite keys. Checks are numbered in the order given, and results
/// for row-level checks come back under that number.
struct AnalysisPlan {
    var needs: [String: ColumnNeeds] = [:]
    var rowChecks: [Int: RowCheck] = [:]
    var pairs: [PairKey] = []
    var keys: [[String]] = []

    /// Two columns whose correlation a rule asks for.
    struct PairKey: Hashable, Sendable {
        var first: String
        var second: String
    }

    init(checks: [RuleCheck], now: Date, profile: Bool = false, columns: [String] = []) throws(QualityError) {
        if profile { for name in columns { needs[name] = .everything } }
        for (index, check) in checks.enumerated() { try add(check, index: index, now: now) }
    }

    private mutating func need(_ column: String, _ update: (inout ColumnNeeds) -> Void) {
        var n = needs[column] ?? ColumnNeeds()
        update(&n)
        needs[column] = n
    }

    private mutating func add(_ check: RuleCheck, index: Int, now: Date) throws(QualityError) {
        let first = check.columns.first ?? ""
        switch check.type {
        case .rowCount, .columnCount, .columnExists, .columnDataType:
            break
        case .isComplete, .completeness:
            need(first) { _ in }
        case .isUnique, .uniqueness, .uniqueValueRatio, .distinctValuesCount, .entropy:
            need(first) { $0.frequencies = true }
        case .isPrimaryKey:
            if check.columns.count == 1 {
                need(first) { $0.frequencies = true }
            } else {
                for c in check.columns { need(c) { _ in } }
                keys.append(check.columns)
            }
        case .mean, .sum, .standardDeviation:
            need(first) { $0.numbers = true }
        case .columnCorrelation:
            guard check.columns.count == 2 else { throw QualityError.badRule("ColumnCorrelation needs two columns", hint: nil) }
            pairs.append(PairKey(first: check.columns[0], second: check.columns[1]))
        case .columnValues, .columnLength, .dataFreshness:
            guard let condition = check.condition else {
                throw QualityError.badRule("\(check.type.rawValue) \"\(first)\" needs a condition", hint: nil)
            }
            let subject: RowCheck.Subject = check.type == .columnValues ? .value : (check.type == .columnLength ? .length : .age)
            need(first) { _ in }
            rowChecks[index] = RowCheck(column: first, subject: subject, test: try ValueTest(condition, now: now), now: now)
        case .detectAnomalies:
            guard let metric = MetricCheck(check) else {
                throw QualityError.badRule("DetectAnomalies needs a metric such as \"RowCount\"", hint: nil)
            }
            try add(metric.check, index: index, now: now)
        }
    }
}

/// The metric a `DetectAnomalies` rule watches, as the check that computes it.
struct MetricCheck {
    let check: RuleCheck
    init?(_ rule: RuleCheck) {
        guard rule.type == .detectAnomalies, let name = rule.columns.first, let type = RuleType(rawValue: name) else { return nil }
        check = RuleCheck(type: type, columns: Array(rule.columns.dropFirst()), position: rule.position)
    }
}
