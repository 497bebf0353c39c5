import Foundation
import LakeFormats
import LakeQuality
import Testing

/// Each rule type passes and fails where it should, on a small table with nulls and dates.
@Suite struct RuleOutcomeTests {
    static let csv = """
        id,country,amount,day,name
        1,US,10,2026-12-01,alice
        2,DE,20,2026-12-02,bob
        3,US,,2026-12-03,
        4,FR,30,2026-12-04,dave
        """

    static let file: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dq-rules-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("t.csv")
        try? Data(Self.csv.utf8).write(to: csv)
        let parquet = dir.appendingPathComponent("t.parquet")
        _ = try? FormatConverter.convert(input: csv, output: parquet)
        return parquet
    }()

    static let now = Date(timeIntervalSince1970: DateTextForTests.epoch("2026-12-05"))

    static func outcome(_ rule: String) throws -> RuleResult {
        let report = try QualityCheck.run(try DQDLParser.parse("Rules = [ \(rule) ]"), files: [file], now: now)
        return try #require(report.results.first)
    }

    @Test(arguments: [
        "RowCount = 4", "RowCount between 3 and 5", "ColumnCount = 5", #"ColumnExists "name""#,
        #"ColumnDataType "id" = "INTEGER""#, #"ColumnDataType "day" in ["DATE", "TIMESTAMP"]"#, #"IsComplete "id""#,
        #"Completeness "amount" = 0.75"#, #"IsUnique "id""#, #"IsPrimaryKey "id""#, #"IsPrimaryKey "id" "country""#,
        #"Uniqueness "country" = 0.5"#, #"UniqueValueRatio "country" > 0.6"#, #"DistinctValuesCount "country" = 3"#,
        #"ColumnValues "country" in ["US", "DE", "FR"]"#, #"ColumnValues "amount" between 5 and 35 with threshold >= 0.75"#,
        #"ColumnValues "amount" > 5 with threshold = 0.75"#, #"ColumnValues "amount" != 20 with threshold = 0.75"#,
        #"ColumnValues "name" matches "[a-z]+" with threshold = 0.75"#, #"ColumnValues "name" in ["alice", "bob", "dave", NULL]"#,
        #"ColumnValues "country" not in ["JP"]"#, #"ColumnValues "day" > "2026-11-30""#, #"ColumnValues "day" >= (now() - 4 days)"#,
        #"ColumnLength "country" = 2"#, #"Mean "amount" = 20"#, #"Sum "amount" = 60"#, #"StandardDeviation "amount" between 8 and 9"#,
        #"Entropy "country" > 1"#, #"ColumnCorrelation "id" "amount" > 0.9"#, #"DataFreshness "day" <= 4 days"#,
        #"(IsComplete "id") and (IsUnique "id")"#, #"(IsComplete "amount") or (RowCount = 4)"#,
    ])
    func passes(_ rule: String) throws {
        let result = try Self.outcome(rule)
        #expect(result.outcome == .pass, "\(rule): \(result.message)")
    }

    @Test(arguments: [
        "RowCount > 4", "ColumnCount < 5", #"ColumnExists "missing""#, #"ColumnDataType "id" = "STRING""#,
        #"IsComplete "amount""#, #"Completeness "amount" > 0.9"#, #"IsUnique "country""#, #"IsPrimaryKey "amount""#,
        #"IsPrimaryKey "country" "amount""#, #"DistinctValuesCount "country" > 3"#,
        #"ColumnValues "country" in ["US", "DE"]"#, #"ColumnValues "amount" > 5"#, #"ColumnValues "amount" between 10 and 30"#,
        #"ColumnValues "name" matches "[a-c].*""#, #"ColumnValues "day" > (now() - 3 days)"#, #"ColumnLength "name" >= 4"#,
        #"Mean "amount" > 20"#, #"Sum "amount" != 60"#, #"DataFreshness "day" <= 2 days"#,
        #"(IsComplete "id") and (IsComplete "amount")"#, #"(IsComplete "amount") or (RowCount = 3)"#,
    ])
    func fails(_ rule: String) throws {
        let result = try Self.outcome(rule)
        #expect(result.outcome == .fail, "\(rule): \(result.outcome) \(result.message)")
    }

    @Test(arguments: [#"IsComplete "missing""#, #"Mean "country" > 1"#, #"ColumnCorrelation "id" "missing" > 0"#])
    func cannotBeEvaluated(_ rule: String) throws {
        let result = try Self.outcome(rule)
        #expect(result.outcome == .error, "\(rule): \(result.message)")
        #expect(result.isBlocking)
    }

    @Test func aWarningDoesNotBlock() throws {
        let report = try QualityCheck.run(try DQDLParser.parse(#"Rules = [ RowCount > 10 with level = warn, IsComplete "id" ]"#), files: [Self.file])
        #expect(report.results[0].outcome == .fail)
        #expect(report.passed)
    }

    /// A row count that jumps in the fifth batch is flagged; steady batches are not.
    @Test func detectAnomaliesFlagsARowCountJump() throws {
        let rules = try DQDLParser.parse(#"Rules = [ DetectAnomalies "RowCount" ]"#)
        let key = MetricKey(name: "RowCount", column: "")
        let steady = try QualityCheck.run(rules, files: [Self.file], history: [key: [4, 5, 4, 4]])
        #expect(steady.results[0].outcome == .pass, "\(steady.results[0].message)")
        let jump = try QualityCheck.run(rules, files: [Self.file], history: [key: [40, 41, 39, 40]])
        #expect(jump.results[0].outcome == .fail, "\(jump.results[0].message)")
        let online = try QualityCheck.run(
            try DQDLParser.parse(#"Rules = [ DetectAnomalies "Completeness" "amount" with strategy = SimpleThreshold with lowerBound = 0.9 ]"#),
            files: [Self.file], history: [MetricKey(name: "Completeness", column: "amount"): [1, 1]])
        #expect(online.results[0].outcome == .fail, "\(online.results[0].message)")
    }

    /// `lake dq suggest`'s rules pass on the data they came from.
    @Test func suggestedRulesPass() throws {
        let suggested = RuleSuggester.suggest(try QualityCheck.profile(files: [Self.file]))
        #expect(suggested.rules.count > 8)
        let reparsed = try DQDLParser.parse(suggested.dqdl)
        let report = try QualityCheck.run(reparsed, files: [Self.file])
        #expect(report.passed, "\(report.blocking)")
        #expect(report.results.allSatisfy { $0.outcome == .pass })
    }
}

enum DateTextForTests {
    static func epoch(_ day: String) -> Double {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.date(from: day)?.timeIntervalSince1970 ?? 0
    }
}
