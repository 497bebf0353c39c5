import Foundation
import LakeCore
import Testing

/// `quality:` on tables and datasets: rules parsed when the config loads, syntax errors with
/// their DQDL line and column, columns checked against an explicit schema, a rules file.
@Suite struct QualityConfigTests {
    static func yaml(_ table: String, dataset: String = "") -> String {
        """
        teams: [sales]
        pipelines:
          main:
            stage_b: {transform: parquet}
        datasets:
          orders:
        \(dataset)
            tables:
              orders:
        \(table)
        """
    }

    @Test func rulesOnATableAndADataset() throws {
        let config = try #require(Fixture.load(Self.yaml(
            #"        quality: {rules: 'Rules = [ IsComplete "id" ]', on_failure: warn, scope: table}"#,
            dataset: #"    quality: {rules: 'Rules = [ RowCount > 0 ]'}"#)))
        let dataset = try #require(config.datasets.first)
        #expect(dataset.quality(of: "orders")?.onFailure == .warn)
        #expect(dataset.quality(of: "orders")?.scope == .table)
        #expect(dataset.quality(of: "other")?.rules == "Rules = [ RowCount > 0 ]")
        #expect(dataset.quality(of: "other")?.onFailure == .fail)
    }

    @Test func aSyntaxErrorNamesItsPlaceInTheRules() throws {
        let issue = try #require(Fixture.issue(
            at: "datasets.orders.tables.orders.quality.rules",
            in: Self.yaml(#"        quality: {rules: 'Rules = [ IsComplet "id" ]'}"#)))
        #expect(issue.message.contains("line 1, column 11: unknown rule type 'IsComplet'"), "\(issue.message)")
        #expect(issue.message.contains("did you mean IsComplete?"), "\(issue.message)")
    }

    @Test func aColumnTheSchemaLacksIsReported() throws {
        let issue = try #require(Fixture.issue(
            at: "datasets.orders.tables.orders.quality.rules",
            in: Self.yaml("        schema: {id: int64, amount: double}\n" + #"        quality: {rules: 'Rules = [ IsComplete "amount", IsUnique "idd" ]'}"#)))
        #expect(issue.message.contains(#"column "idd""#), "\(issue.message)")
        #expect(issue.hint == "columns: id, amount")
    }

    @Test func rulesFromAFileAndTheirErrors() throws {
        try FileManager.default.createDirectory(at: Fixture.base, withIntermediateDirectories: true)
        try Data(#"Rules = [ IsUnique "id" ]"#.utf8).write(to: Fixture.base.appendingPathComponent("orders.dqdl"))
        let config = try #require(Fixture.load(Self.yaml("        quality: {file: orders.dqdl}")))
        #expect(config.datasets.first?.quality(of: "orders")?.rules == #"Rules = [ IsUnique "id" ]"#)
        #expect(Fixture.issue(at: "datasets.orders.tables.orders.quality.file", in: Self.yaml("        quality: {file: missing.dqdl}")) != nil)
        #expect(Fixture.issue(at: "datasets.orders.tables.orders.quality", in: Self.yaml("        quality: {on_failure: warn}")) != nil)
        #expect(Fixture.issue(
            at: "datasets.orders.tables.orders.quality.on_failure",
            in: Self.yaml(#"        quality: {rules: 'Rules = [ RowCount > 0 ]', on_failure: explode}"#)) != nil)
    }
}
