import Foundation
import LakeFormats

/// Judges a ruleset against a scan's ``TableMetrics``. Checks are numbered as
/// ``QualityCheck/checks(of:)`` lists them, the same numbering the scan used.
struct RuleEvaluator {
    let metrics: TableMetrics
    let now: Date
    /// Earlier values of a metric (oldest first), for `DetectAnomalies`.
    let history: (MetricValue) -> [Double]

    private var counter = 0

    init(metrics: TableMetrics, now: Date, history: @escaping (MetricValue) -> [Double]) {
        self.metrics = metrics
        self.now = now
        self.history = history
    }

    mutating func evaluate(_ rules: [DQDLRule]) -> [RuleResult] {
        counter = 0
        return rules.map { rule in
            let (outcome, observed, message) = evaluate(rule.body)
            var threshold: String?
            if case .check(let check) = rule.body {
                threshold = check.threshold?.dqdl ?? check.condition?.dqdl
            }
            return RuleResult(
                rule: rule.body.dqdl, level: rule.level, outcome: outcome, observed: observed, threshold: threshold, message: message)
        }
    }

    private mutating func evaluate(_ body: RuleBody) -> (RuleOutcome, Double?, String) {
        switch body {
        case .check(let check):
            let index = counter
            counter += 1
            return evaluate(check, index: index)
        case .and(let parts), .or(let parts):
            let isAnd: Bool = if case .and = body { true } else { false }
            let results = parts.map { evaluate($0) }
            let failing = results.filter { $0.0 != .pass }.map(\.2)
            if results.contains(where: { $0.0 == .error }) {
                return (.error, nil, results.filter { $0.0 == .error }.map(\.2).joined(separator: "; "))
            }
            let passed = isAnd ? failing.isEmpty : results.contains { $0.0 == .pass }
            return passed
                ? (.pass, nil, isAnd ? "every part passed" : "a part passed")
                : (.fail, nil, failing.joined(separator: isAnd ? "; " : "; and "))
        }
    }

    private func evaluate(_ check: RuleCheck, index: Int) -> (RuleOutcome, Double?, String) {
        let column = check.columns.first ?? ""
        if check.type == .detectAnomalies { return anomalies(check) }
        if check.type == .columnExists {
            let exists = metrics.schema.index(of: column) != nil
            return (exists ? .pass : .fail, nil, exists ? "column \"\(column)\" exists" : "column \"\(column)\" does not exist")
        }
        if check.type == .columnDataType { return dataType(check) }
        if let missing = check.columns.first(where: { metrics.schema.index(of: $0) == nil }), check.type != .rowCount, check.type != .columnCount {
            return (.error, nil, "column \"\(missing)\" does not exist (columns: \(metrics.schema.fields.map(\.name).joined(separator: ", ")))")
        }
        switch check.type {
        case .columnValues, .columnLength, .dataFreshness:
            guard let counts = metrics.rowChecks[index] else { return (.error, nil, "the rule was not scanned") }
            let share = counts.rows == 0 ? 1 : Double(counts.passed) / Double(counts.rows)
            let failed = counts.rows - counts.passed
            if let threshold = check.threshold {
                return judge(share, threshold, what: "\(counts.passed) of \(counts.rows) rows passed")
            }
            return failed == 0
                ? (.pass, share, "all \(counts.rows) rows passed")
                : (.fail, share, "\(failed) of \(counts.rows) rows did not meet \(check.condition?.dqdl ?? "the condition")")
        case .isComplete:
            guard let c = metrics.columns[column] else { return (.error, nil, "no metrics for \"\(column)\"") }
            return c.present == c.rows
                ? (.pass, c.completeness, "no nulls")
                : (.fail, c.completeness, "\(c.rows - c.present) of \(c.rows) rows are null")
        case .isUnique:
            guard let u = metrics.columns[column]?.uniqueness else { return (.error, nil, frequencyNote(column)) }
            return u == 1 ? (.pass, u, "every value is unique") : (.fail, u, "uniqueness is \(format(u)), not 1")
        case .isPrimaryKey:
            return primaryKey(check)
        default:
            guard let value = metricValue(check) else {
                return (.error, nil, "\(check.type.rawValue) does not apply to \"\(column)\" (\(metrics.columns[column]?.type ?? "?")) or it has no values; \(frequencyNote(column))")
            }
            guard let condition = check.condition else { return (.pass, value.value, "computed") }
            return judge(value.value, condition, what: "\(check.type.rawValue) is \(format(value.value))")
        }
    }

    private func judge(_ value: Double, _ condition: Condition, what: String) -> (RuleOutcome, Double?, String) {
        do {
            let ok = try ValueTest(condition, now: now).test(.number(value))
            return (ok ? .pass : .fail, value, ok ? what : "\(what), which does not meet \(condition.dqdl)")
        } catch {
            return (.error, value, error.description)
        }
    }

    private func frequencyNote(_ column: String) -> String {
        metrics.columns[column]?.frequencyNote ?? "exact value counts were not computed"
    }

    private func primaryKey(_ check: RuleCheck) -> (RuleOutcome, Double?, String) {
        if check.columns.count == 1, let c = metrics.columns[check.columns[0]] {
            guard let u = c.uniqueness else { return (.error, nil, frequencyNote(c.name)) }
            if c.present != c.rows { return (.fail, u, "\(c.rows - c.present) rows have no \"\(c.name)\"") }
            return u == 1 ? (.pass, u, "complete and unique") : (.fail, u, "uniqueness is \(format(u)), not 1")
        }
        guard let key = metrics.compositeKeys[check.columns] else { return (.error, nil, "the key was not scanned") }
        let u = metrics.rows == 0 ? 1 : Double(key.singletons) / Double(metrics.rows)
        if key.complete != metrics.rows { return (.fail, u, "\(metrics.rows - key.complete) rows lack part of the key") }
        return key.singletons == metrics.rows
            ? (.pass, u, "complete and unique")
            : (.fail, u, "\(metrics.rows - key.singletons) rows share their key with another row")
    }

    private func dataType(_ check: RuleCheck) -> (RuleOutcome, Double?, String) {
        let column = check.columns.first ?? ""
        guard let i = metrics.schema.index(of: column) else { return (.error, nil, "column \"\(column)\" does not exist") }
        let type = metrics.schema.fields[i].type
        let names = Self.dqdlTypeNames(type)
        guard let condition = check.condition else { return (.error, nil, "ColumnDataType needs a type") }
        let upper = Self.uppercased(condition)
        let ok = names.contains { name in (try? ValueTest(upper, now: now).test(.text(name))) ?? false }
        return (ok ? .pass : .fail, nil, "\"\(column)\" is \(names[0]) (\(type))")
    }

    /// The DQDL/Glue type names a column type answers to, the main one first.
    static func dqdlTypeNames(_ type: ColumnType) -> [String] {
        switch type {
        case .bool: ["BOOLEAN"]
        case .int32: ["INTEGER", "INT"]
        case .int64: ["LONG", "BIGINT", "INTEGER", "INT"]
        case .float: ["FLOAT"]
        case .double: ["DOUBLE"]
        case .string: ["STRING"]
        case .binary: ["BINARY"]
        case .date: ["DATE"]
        case .timestamp: ["TIMESTAMP"]
        case .decimal: ["DECIMAL"]
        case .list: ["ARRAY"]
        case .structure: ["STRUCT"]
        case .map: ["MAP"]
        }
    }

    private static func uppercased(_ condition: Condition) -> Condition {
        func up(_ o: Operand) -> Operand { if case .string(let s) = o { .string(s.uppercased()) } else { o } }
        switch condition {
        case .compare(let op, let o): return .compare(op, up(o))
        case .inList(let list): return .inList(list.map(up))
        case .not(let inner): return .not(uppercased(inner))
        default: return condition
        }
    }

    /// The metric a check judges, named and keyed as the metrics repository stores it.
    func metricValue(_ check: RuleCheck) -> MetricValue? {
        let column = check.columns.joined(separator: ",")
        let c = check.columns.first.flatMap { metrics.columns[$0] }
        let value: Double? =
            switch check.type {
            case .rowCount: Double(metrics.rows)
            case .columnCount: Double(metrics.schema.fields.count)
            case .completeness, .isComplete: c?.completeness
            case .uniqueness, .isUnique: c?.uniqueness
            case .uniqueValueRatio: c?.uniqueValueRatio
            case .distinctValuesCount: c?.distinct
            case .entropy: c?.entropy
            case .mean: c?.mean
            case .sum: c?.sum
            case .standardDeviation: c?.standardDeviation
            case .columnCorrelation:
                check.columns.count == 2
                    ? metrics.correlations[AnalysisPlan.PairKey(first: check.columns[0], second: check.columns[1])] : nil
            case .columnLength: c?.maxLength.map(Double.init)
            default: nil
            }
        return value.map { MetricValue(name: check.type.rawValue, column: column, value: $0) }
    }

    private func anomalies(_ check: RuleCheck) -> (RuleOutcome, Double?, String) {
        guard let metric = MetricCheck(check), let value = metricValue(metric.check) else {
            return (.error, nil, "DetectAnomalies: the metric \(check.columns.first ?? "?") could not be computed here")
        }
        var options = check.options
        let name = options.removeValue(forKey: "strategy")
        let strategy: any AnomalyDetectionStrategy
        do {
            strategy = try AnomalyStrategies.make(name: name, options: options)
        } catch {
            return (.error, value.value, error.description)
        }
        let past = history(value)
        guard !past.isEmpty else {
            return (.pass, value.value, "\(value.name) is \(format(value.value)); no earlier values to compare with yet")
        }
        let found = strategy.detect(past + [value.value], searchInterval: past.count..<(past.count + 1))
        if let anomaly = found.first {
            return (.fail, value.value, "\(value.name) is \(format(value.value)), an anomaly after \(past.count) earlier values: \(anomaly.detail)")
        }
        return (.pass, value.value, "\(value.name) is \(format(value.value)), in line with \(past.count) earlier values")
    }

    private func format(_ x: Double) -> String { RuleResult.display(x) }
}
