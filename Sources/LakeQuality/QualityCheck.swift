import Foundation
import LakeFormats

/// The outcome of checking a ruleset against some files: every rule's result and every metric
/// computed on the way (what the metrics repository stores).
public struct QualityReport: Sendable, Codable, Equatable {
    public var rows: Int
    public var files: Int
    public var results: [RuleResult]
    public var metrics: [MetricValue]

    /// No error-level rule failed or errored.
    public var passed: Bool { !results.contains(where: \.isBlocking) }
    /// The error-level rules that did not pass.
    public var blocking: [RuleResult] { results.filter(\.isBlocking) }
}

/// Checks DQDL rulesets against Parquet files in one scan: the entry point the pipeline's
/// quality step, `lake dq check` and the benchmark use.
public enum QualityCheck {
    /// Every check of a ruleset in evaluation order (rules depth first, then analyzers).
    static func checks(of ruleset: DQDLRuleset) -> [RuleCheck] {
        ruleset.rules.flatMap(\.body.checks) + ruleset.analyzers
    }

    /// The metrics whose history `DetectAnomalies` rules read, as (name, column) keys.
    public static func anomalyMetrics(of ruleset: DQDLRuleset) -> [MetricKey] {
        checks(of: ruleset).compactMap { check in
            guard let metric = MetricCheck(check) else { return nil }
            return MetricKey(name: metric.check.type.rawValue, column: metric.check.columns.joined(separator: ","))
        }
    }

    /// Scans `files` once and judges `ruleset`. `history` gives a metric's earlier values,
    /// oldest first (the repository's), for `DetectAnomalies`.
    public static func run(
        _ ruleset: DQDLRuleset, files: [URL], now: Date = Date(), options: AnalysisOptions = AnalysisOptions(),
        history: [MetricKey: [Double]] = [:]
    ) throws -> QualityReport {
        let all = checks(of: ruleset)
        let plan = try AnalysisPlan(checks: all, now: now)
        let metrics = try ParallelScan.run(plan, options: options, files: files, workers: options.threads)
        var evaluator = RuleEvaluator(metrics: metrics, now: now) { value in
            history[MetricKey(name: value.name, column: value.column)] ?? []
        }
        let results = evaluator.evaluate(ruleset.rules)
        var values = Set<MetricValue>()
        values.insert(MetricValue(name: "RowCount", column: "", value: Double(metrics.rows)))
        for check in all {
            let target = MetricCheck(check)?.check ?? check
            if let v = evaluator.metricValue(target) { values.insert(v) }
        }
        for (name, c) in metrics.columns { values.formUnion(columnMetrics(name, c)) }
        let sorted = values.sorted { ($0.name, $0.column) < ($1.name, $1.column) }
        return QualityReport(rows: metrics.rows, files: files.count, results: results, metrics: sorted)
    }

    /// Profiles every column of `files` (counts, distinct values, moments, lengths, top values).
    public static func profile(files: [URL], options: AnalysisOptions = AnalysisOptions()) throws -> TableProfile {
        var names: [String] = []
        for file in files {
            for field in try ParquetReader(url: file).schema.fields where !names.contains(field.name) { names.append(field.name) }
        }
        let plan = try AnalysisPlan(checks: [], now: Date(), profile: true, columns: names)
        let metrics = try ParallelScan.run(plan, options: options, files: files, workers: options.threads)
        return TableProfile(
            rows: metrics.rows, files: files.count,
            columns: metrics.schema.fields.compactMap { metrics.columns[$0.name] })
    }

    private static func columnMetrics(_ name: String, _ c: ColumnMetrics) -> [MetricValue] {
        let pairs: [(String, Double?)] = [
            ("Completeness", c.completeness), ("DistinctValuesCount", c.distinct), ("Uniqueness", c.uniqueness),
            ("UniqueValueRatio", c.uniqueValueRatio), ("Entropy", c.entropy), ("Mean", c.mean), ("Sum", c.sum),
            ("StandardDeviation", c.standardDeviation), ("Minimum", c.minimum), ("Maximum", c.maximum),
            ("MinLength", c.minLength.map(Double.init)), ("MaxLength", c.maxLength.map(Double.init)),
        ]
        return pairs.compactMap { n, v in v.map { MetricValue(name: n, column: name, value: $0) } }
    }
}

/// A metric's identity in the repository: its name and column(s).
public struct MetricKey: Sendable, Hashable, Codable {
    public var name: String
    public var column: String
    public init(name: String, column: String) {
        self.name = name
        self.column = column
    }
}

/// `lake dq profile`: per column type, completeness, distinct count, moments, lengths and top values.
public struct TableProfile: Sendable, Codable, Equatable {
    public var rows: Int
    public var files: Int
    public var columns: [ColumnMetrics]
}
