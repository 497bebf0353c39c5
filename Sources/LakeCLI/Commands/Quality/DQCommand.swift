import ArgumentParser
import Foundation
import LakeCore
import LakeFormats
import LakeQuality
import LakeRuntime

/// `lake dq`: data quality — check DQDL rules against a file or a catalog table, profile,
/// suggest rules, and read the results and metrics the pipeline's quality step recorded.
struct DQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dq", abstract: "Data quality: check DQDL rules, profile, suggest rules, and read recorded results and metrics.",
        discussion: """
            Rules are DQDL (AWS Glue Data Quality's language), e.g. Rules = [ IsComplete "id", ColumnValues "country" in ["US", "DE"] ]. \
            Tables get rules in lake.yaml (tables.<t>.quality: {rules | file, on_failure: fail|warn}); stage B checks them after the crawler.
            """,
        subcommands: [DQCheckCommand.self, DQProfileCommand.self, DQSuggestCommand.self, DQResultsCommand.self, DQMetricsCommand.self, DQReleaseCommand.self])
}

/// The input arguments `lake dq check|profile|suggest` share.
struct QualityTargetOptions: ParsableArguments {
    @Argument(help: "A .csv, .json, .jsonl or .parquet file, or a catalog table as DATABASE.TABLE.") var target: String
    @Option(help: "Input format of a CSV/JSON file: csv, json or jsonl (default: from the extension).") var format: String?
    @OptionGroup var options: ConfigOptions

    func resolve(_ context: CLIContext) async throws -> QualityTarget {
        try await QualityTarget.resolve(target, format: format, options: options, context: context)
    }
}

/// What `lake dq check|profile|suggest` read: a CSV, JSON or Parquet file, or a catalog table.
struct QualityTarget {
    let files: [URL]
    let scratch: URL
    let runtime: LakeRuntime?
    let table: String?

    static func resolve(_ target: String, format: String?, options: ConfigOptions, context: CLIContext) async throws -> QualityTarget {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lake-dq-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: target)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            if url.pathExtension.lowercased() == "parquet" || ParquetProbe.isParquet(url) {
                return QualityTarget(files: [url], scratch: scratch, runtime: nil, table: nil)
            }
            var convert = ConvertOptions()
            if let format {
                guard let f = InputFormat(rawValue: format) else { throw ValidationError("--format takes csv, json or jsonl") }
                convert.format = f
            }
            let parquet = scratch.appendingPathComponent("input.parquet")
            _ = try FormatConverter.convert(input: url, output: parquet, options: convert)
            return QualityTarget(files: [parquet], scratch: scratch, runtime: nil, table: nil)
        }
        guard target.contains(".") else {
            throw LakeError(.usage, "no such file: \(target)", hint: "give a CSV, JSON or Parquet file, or a catalog table as DATABASE.TABLE")
        }
        let runtime = try await context.openReadOnly(options)
        let files = try await runtime.qualityTableFiles(target, scratch: scratch)
        return QualityTarget(files: files, scratch: scratch, runtime: runtime, table: target)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: scratch) }
}

/// `lake dq check TARGET --rules FILE.dqdl`: exit 0 when every error-level rule passes, 1 when one
/// fails, 2 for a rule file that does not parse.
struct DQCheckCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check DQDL rules against a CSV, JSON or Parquet file or a catalog table (DATABASE.TABLE).",
        discussion: "Exit status: 0 every error-level rule passed, 1 one failed (or could not be evaluated), 2 the rules do not parse.")

    @OptionGroup var input: QualityTargetOptions
    @Option(help: "The DQDL rules file.") var rules: String
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var passed: Bool
        var rows: Int
        var files: Int
        var results: [RuleResult]
        var metrics: [MetricValue]
    }

    func run(in context: CLIContext) async throws {
        guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
            throw CommandFailure(code: 2, message: "error: cannot read the rules file \(rules)")
        }
        let ruleset: DQDLRuleset
        do {
            ruleset = try DQDLParser.parse(text)
        } catch {
            throw CommandFailure(code: 2, message: "error: \(rules): \(error.description)")
        }
        let target = try await input.resolve(context)
        defer { target.cleanUp() }
        var history: [MetricKey: [Double]] = [:]
        if let runtime = target.runtime, let table = target.table {
            for key in QualityCheck.anomalyMetrics(of: ruleset) {
                history[key] = try await runtime.qualityMetrics(table, metric: key.name, column: key.column).map(\.value)
            }
        }
        let report: QualityReport
        do {
            report = try QualityCheck.run(ruleset, files: target.files, history: history)
        } catch let error as QualityError {
            throw CommandFailure(code: 2, message: "error: \(rules): \(error.description)")
        }
        if output.json {
            try Console.json(Report(passed: report.passed, rows: report.rows, files: report.files, results: report.results, metrics: report.metrics))
        } else {
            print(Console.table(
                ["RULE", "LEVEL", "OUTCOME", "OBSERVED", "MESSAGE"],
                report.results.map { [$0.rule, $0.level.rawValue, $0.outcome.rawValue, $0.observed.map(RuleResult.display) ?? "", $0.message] }))
            let failed = report.blocking.count
            print("\(report.results.count - failed) of \(report.results.count) rule(s) passed on \(report.rows) row(s)\(failed > 0 ? "; \(failed) error-level rule(s) did not" : "")")
        }
        if !report.passed { throw CommandFailure(code: 1, message: "") }
    }
}

/// `lake dq profile TARGET`: per column type, completeness, distinct values, moments, lengths, top values.
struct DQProfileCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Profile each column of a file or catalog table: completeness, distinct values, min/max/mean/stddev, lengths, top values.")

    @OptionGroup var input: QualityTargetOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let target = try await input.resolve(context)
        defer { target.cleanUp() }
        let profile = try QualityCheck.profile(files: target.files)
        if output.json { return try Console.json(profile) }
        print(Console.table(
            ["COLUMN", "TYPE", "COMPLETE", "DISTINCT", "MIN", "MAX", "MEAN", "STDDEV", "LENGTH", "TOP VALUES"],
            profile.columns.map { c in
                [
                    c.name, c.type, String(format: "%.4f", c.completeness),
                    c.distinct.map { RuleResult.display($0) + (c.distinctError != nil ? " (approx.)" : "") } ?? "",
                    c.minimum.map(RuleResult.display) ?? "", c.maximum.map(RuleResult.display) ?? "",
                    c.mean.map(RuleResult.display) ?? "", c.standardDeviation.map(RuleResult.display) ?? "",
                    c.minLength.map { "\($0)..\(c.maxLength ?? $0)" } ?? "",
                    (c.topValues ?? []).prefix(3).map { "\($0.value) (\($0.count))" }.joined(separator: ", "),
                ]
            }))
        print("\(profile.rows) row(s) in \(profile.files) file(s)")
    }
}

/// `lake dq suggest TARGET`: DQDL rules that hold on the data, ready for lake.yaml or `lake dq check`.
struct DQSuggestCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest", abstract: "Print DQDL rules that hold on a file or catalog table (completeness, uniqueness, types, allowed values, ranges, lengths).")

    @OptionGroup var input: QualityTargetOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let target = try await input.resolve(context)
        defer { target.cleanUp() }
        let ruleset = RuleSuggester.suggest(try QualityCheck.profile(files: target.files))
        if output.json { return try Console.json(["rules": ruleset.rules.map(\.dqdl)]) }
        print(ruleset.dqdl)
    }
}

/// `lake dq results`: rule outcomes the pipeline's quality step recorded, newest first.
struct DQResultsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "List the rule outcomes recorded by stage B's quality step, newest first.")

    @Option(help: "Only this dataset, as TEAM/DATASET.") var dataset: String?
    @Option(help: "Only this table.") var table: String?
    @Option(help: "Only this execution.") var execution: String?
    @Option(help: "At most this many.") var limit: Int = 100
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var executionId, dataset, table, rule, level, outcome: String
        var observed: Double?
        var threshold: String?
        var message: String
        var at: Date
    }

    func run(in context: CLIContext) async throws {
        let runtime = try await context.openReadOnly(options)
        let rows = try await runtime.qualityResults(QualityResultQuery(dataset: dataset, table: table, executionId: execution, limit: limit))
        if output.json {
            return try Console.json(rows.map {
                Row(executionId: $0.executionId, dataset: $0.dataset, table: $0.table, rule: $0.rule, level: $0.level, outcome: $0.outcome,
                    observed: $0.observed, threshold: $0.threshold, message: $0.message, at: $0.at)
            })
        }
        print(Console.table(
            ["EXECUTION", "DATASET", "TABLE", "RULE", "LEVEL", "OUTCOME", "OBSERVED", "MESSAGE"],
            rows.map { [$0.executionId, $0.dataset, $0.table, $0.rule, $0.level, $0.outcome, $0.observed.map(RuleResult.display) ?? "", $0.message] }))
    }
}

/// `lake dq metrics DB.TABLE`: a table's metric history.
struct DQMetricsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Show a table's data-quality metric history (what anomaly detection reads), oldest first.")

    @Argument(help: "The table, as DATABASE.TABLE.") var table: String
    @Option(help: "Only this metric, e.g. RowCount or Completeness.") var metric: String?
    @Option(help: "Only this column (comma-joined for pairs).") var column: String?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let runtime = try await context.openReadOnly(options)
        let rows = try await runtime.qualityMetrics(table, metric: metric, column: column)
        if output.json { return try Console.json(rows) }
        print(Console.table(
            ["AT", "EXECUTION", "SCOPE", "METRIC", "COLUMN", "VALUE"],
            rows.map { [ISO8601DateFormatter().string(from: $0.at), $0.executionId, $0.scope, $0.name, $0.column, RuleResult.display($0.value)] }))
    }
}

/// `lake dq release EXECUTION_ID`: puts quarantined outputs back into their table.
struct DQReleaseCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Put the outputs an execution's failed quality rules quarantined back into their table.",
        discussion: "Under on_failure: quarantine, a batch whose error-level rules fail is held in _quarantine/<execution>/ in the analytics zone, out of the table. Release it once the data is judged fine.")

    @Argument(help: "The stage-B execution whose outputs are held.") var execution: String
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    struct Released: Encodable {
        var execution: String
        var released: [String]
    }

    func run(in context: CLIContext) async throws {
        let runtime = try await context.open(options)
        let keys = try await runtime.releaseQuarantine(execution)
        if output.json { return try Console.json(Released(execution: execution, released: keys)) }
        for key in keys { print("released \(key)") }
        print("\(keys.count) file(s) back in their table")
    }
}
