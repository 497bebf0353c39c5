import Foundation
import LakeCore
import LakeFormats
import LakeQuality

/// The data-quality step at the end of stage B (after the crawler, as SDLF orders it): for each
/// table the batch wrote that has rules, reads the batch's files (or the touched partitions, or
/// the whole table) once, judges the rules, records metrics and outcomes in the metrics
/// repository, and says whether the execution may complete.
public struct QualityGate: Sendable {
    let env: LakeEnvironment

    public init(env: LakeEnvironment) { self.env = env }

    /// What the step decided for one batch.
    public struct Verdict: Sendable {
        /// Tables whose error-level rules failed, with their `on_failure` action and the failing rules.
        public var failures: [(table: String, action: QualityFailureAction, rules: [RuleResult])] = []
        /// A one-line summary for the execution's details.
        public var summary: String = ""
    }

    /// Checks the tables of `written` that have rules.
    public func check(dataset: Topology.DatasetUnit, written: [WrittenObject], executionId: String) async throws -> Verdict {
        var verdict = Verdict()
        var notes: [String] = []
        let byTable = Dictionary(grouping: written.filter { $0.name.hasSuffix(".parquet") }, by: \.table)
        for table in byTable.keys.sorted() {
            guard let config = dataset.config.quality(of: table), let files = byTable[table] else { continue }
            let report = try await check(dataset: dataset, table: table, config: config, written: files, executionId: executionId)
            let failing = report.blocking
            notes.append("\(table): \(report.results.count - failing.count)/\(report.results.count) rules passed")
            if !failing.isEmpty { verdict.failures.append((table, config.onFailure, failing)) }
        }
        verdict.summary = notes.joined(separator: "; ")
        return verdict
    }

    private func check(
        dataset: Topology.DatasetUnit, table: String, config: QualityConfig, written: [WrittenObject], executionId: String
    ) async throws -> QualityReport {
        let ruleset: DQDLRuleset
        do {
            ruleset = try DQDLParser.parse(config.rules)
        } catch {
            throw LakeError(.invalidConfig, "the quality rules of \(dataset.ref)/\(table) (\(config.source)) do not parse: \(error)",
                hint: "`lake config validate` shows where")
        }
        let prefix = CatalogNaming.tablePrefix(dataset.ref, table: table)
        let locations: [ObjectLocation]
        switch config.scope {
        case .batch:
            locations = written.map(\.info.location)
        case .partitions:
            let folders = Set(written.map { String($0.name.split(separator: "/").dropLast().joined(separator: "/")) })
            var found: [ObjectLocation] = []
            for folder in folders.sorted() {
                let records = try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix + (folder.isEmpty ? "" : folder + "/")))
                found += try records.filter { $0.key.hasSuffix(".parquet") }.map { ObjectLocation(.analytics, try ObjectKey($0.key)) }
            }
            locations = found
        case .table:
            let records = try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix))
            locations = try records.filter { $0.key.hasSuffix(".parquet") }.map { ObjectLocation(.analytics, try ObjectKey($0.key)) }
        }
        let scratch = env.workDirectory.appendingPathComponent("quality-\(executionId)-\(table)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files: [URL] = []
        for location in locations { files.append(try await env.objects.fetch(location, into: scratch)) }

        let datasetName = "\(dataset.ref.team)/\(dataset.ref.dataset)"
        var history: [MetricKey: [Double]] = [:]
        if let store = env.quality {
            for key in QualityCheck.anomalyMetrics(of: ruleset) {
                history[key] = try await store.metrics(dataset: datasetName, table: table, name: key.name, column: key.column)
                    .filter { $0.scope == config.scope.rawValue }.map(\.value)
            }
        }
        let now = env.clock.now()
        let report: QualityReport
        do {
            report = try QualityCheck.run(ruleset, files: files, now: now, history: history)
        } catch let error as FormatError {
            throw LakeError(.format, "the quality check of \(datasetName)/\(table) cannot read its files: \(error)", hint: "`lake parquet-meta` shows a file's footer")
        } catch let error as QualityError {
            throw LakeError(.quality, "the quality rules of \(datasetName)/\(table) cannot be evaluated: \(error)", hint: "fix the rules in lake.yaml")
        }
        if let store = env.quality {
            try await store.record(
                metrics: report.metrics.map {
                    QualityMetricRecord(
                        dataset: datasetName, table: table, scope: config.scope.rawValue, executionId: executionId, at: now, name: $0.name,
                        column: $0.column, value: $0.value)
                },
                rules: report.results.map {
                    QualityRuleRecord(
                        executionId: executionId, dataset: datasetName, table: table, rule: $0.rule, level: $0.level.rawValue,
                        outcome: $0.outcome.rawValue, observed: $0.observed, threshold: $0.threshold, message: $0.message, at: now)
                })
        }
        return report
    }

    /// The error a `fail` table raises: names the table and each failing rule with its observation.
    public static func failure(_ failures: [(table: String, action: QualityFailureAction, rules: [RuleResult])]) -> LakeError {
        let parts = failures.map { f in
            "\(f.table): " + f.rules.map { "\($0.rule) → \($0.outcome.rawValue) (\($0.message))" }.joined(separator: "; ")
        }
        return LakeError(
            .quality, "data-quality rules failed: " + parts.joined(separator: " | "),
            hint: "`lake dq results --execution <id>` lists every rule; fix the data or the rules, then `lake redrive` re-runs the batch and re-checks")
    }
}
