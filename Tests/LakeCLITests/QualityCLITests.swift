import Foundation
import LakeTestSupport
import Testing

/// `lake dq` through the binary: check's exit codes, suggest's rules passing check, and the
/// pipeline's quality step — a failing `fail` rule fails the execution, results are listed,
/// a redrive re-checks, and a row-count jump is flagged by DetectAnomalies.
@Suite(.blocking) struct QualityCLITests {
    static func config(_ quality: String) -> String {
        """
        environment: dev
        org: acme
        app: lake
        storage: {backend: embedded, path: .lake}
        teams: {sales: {}}
        pipelines:
          main:
            stage_a: {transform: json-flatten}
            stage_b: {transform: parquet, trigger: event, max_items: 1, max_concurrent: 1}
        datasets:
          orders:
            team: sales
            pipeline: main
            tables:
              orders:
                quality: \(quality)
        """
    }

    @Test func checkExitCodesAndSuggestedRulesPass() throws {
        let dir = try TempDir()
        try dir.write("t.csv", "id,country,amount\n1,US,10\n2,DE,20\n3,US,\n4,FR,30\n")
        try dir.write("ok.dqdl", #"Rules = [ IsUnique "id", RowCount = 4, Mean "amount" = 20 ]"#)
        try dir.write("fail.dqdl", #"Rules = [ IsComplete "amount", RowCount = 4 with level = warn ]"#)
        try dir.write("bad.dqdl", #"Rules = [ IsComplete "amount" between ]"#)
        let ok = try LakeBinary.run(["dq", "check", "t.csv", "--rules", "ok.dqdl", "--json"], in: dir.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        let report = try #require(ok.json as? [String: Any])
        #expect(report["passed"] as? Bool == true)
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.map { $0["outcome"] as? String } == ["PASS", "PASS", "PASS"])
        #expect(results[2]["observed"] as? Double == 20)
        let failed = try LakeBinary.run(["dq", "check", "t.csv", "--rules", "fail.dqdl"], in: dir.url)
        #expect(failed.status == 1, "\(failed.stdout)")
        #expect(failed.stdout.contains("1 of 4 rows are null"))
        let bad = try LakeBinary.run(["dq", "check", "t.csv", "--rules", "bad.dqdl"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("line 1, column"), "\(bad.stderr)")

        let suggested = try LakeBinary.run(["dq", "suggest", "t.csv"], in: dir.url)
        #expect(suggested.status == 0, "\(suggested.stderr)")
        try dir.write("suggested.dqdl", suggested.stdout)
        let checked = try LakeBinary.run(["dq", "check", "t.csv", "--rules", "suggested.dqdl"], in: dir.url)
        #expect(checked.status == 0, "\(suggested.stdout)\n\(checked.stdout)")
        let profile = try #require(try LakeBinary.run(["dq", "profile", "t.csv", "--json"], in: dir.url).json as? [String: Any])
        #expect((profile["columns"] as? [[String: Any]])?.count == 3)
    }

    @Test func aFailingRuleFailsTheExecutionAndARedriveRechecks() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config(#"{rules: 'Rules = [ IsComplete "amount", RowCount > 0 ]', on_failure: fail}"#))
        #expect(try LakeBinary.run(["config", "validate"], in: dir.url).status == 0)
        try dir.write("in/a.jsonl", #"{"id":1,"amount":5}"# + "\n" + #"{"id":2}"# + "\n")
        #expect(try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "orders"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let executions = try #require(try LakeBinary.run(["executions", "--stage", "b", "--json"], in: dir.url).json as? [[String: Any]])
        let failed = try #require(executions.first)
        #expect(failed["status"] as? String == "FAILED", "\(executions)")
        #expect(failed["errorComponent"] as? String == "quality", "\(failed)")
        #expect((failed["error"] as? String ?? "").contains(#"IsComplete "amount""#), "\(failed)")
        let results = try #require(try LakeBinary.run(["dq", "results", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(Set(results.map { $0["outcome"] as? String ?? "" }) == ["FAIL", "PASS"], "\(results)")
        #expect(results.allSatisfy { $0["executionId"] as? String == failed["id"] as? String && $0["table"] as? String == "orders" })
        #expect(results.first { $0["outcome"] as? String == "FAIL" }?["observed"] as? Double == 0.5)
        let analytics = dir.url.appendingPathComponent(".lake/analytics/sales/orders/orders")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: analytics.path)) ?? []).isEmpty, "outputs withdrawn")

        // Relax the rule to a warning and redrive: the batch runs again, is re-checked and completes.
        try dir.write("lake.yaml", Self.config(#"{rules: 'Rules = [ IsComplete "amount" with level = warn, RowCount > 0 ]'}"#))
        #expect(try LakeBinary.run(["redrive", "--stage", "b", "--dataset", "sales/orders"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let after = try #require(try LakeBinary.run(["executions", "--stage", "b", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(after.contains { $0["status"] as? String == "COMPLETED" }, "\(after)")
        let rechecked = try #require(try LakeBinary.run(["dq", "results", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(rechecked.count == 4)
    }

    @Test func aRowCountJumpIsFlaggedByDetectAnomalies() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config(#"{rules: 'Rules = [ DetectAnomalies "RowCount" with level = warn ]'}"#))
        for (batch, rows) in [3, 3, 4, 3, 30].enumerated() {
            let lines = (0..<rows).map { #"{"id":\#(batch * 100 + $0),"amount":1}"# }
            try dir.write("in\(batch)/b.jsonl", lines.joined(separator: "\n") + "\n")
            #expect(try LakeBinary.run(["ingest", "in\(batch)", "--team", "sales", "--dataset", "orders", "--table", "orders"], in: dir.url).status == 0)
            #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        }
        let results = try #require(try LakeBinary.run(["dq", "results", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(results.count == 5)
        #expect(results.first?["outcome"] as? String == "FAIL", "the newest, 30 rows after 3: \(results)")
        #expect(results.dropFirst().allSatisfy { $0["outcome"] as? String == "PASS" }, "\(results)")
        let history = try #require(try LakeBinary.run(
            ["dq", "metrics", "acme_lake_dev_sales_orders_db.orders", "--metric", "RowCount", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(history.map { $0["value"] as? Double } == [3, 3, 4, 3, 30])
    }

    @Test func quarantineHoldsTheBatchUntilReleased() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config(#"{rules: 'Rules = [ IsComplete "amount" ]', on_failure: quarantine}"#))
        try dir.write("in/a.jsonl", #"{"id":1,"amount":5}"# + "\n" + #"{"id":2}"# + "\n")
        #expect(try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "orders"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let executions = try #require(try LakeBinary.run(["executions", "--stage", "b", "--json"], in: dir.url).json as? [[String: Any]])
        let execution = try #require(executions.first)
        #expect(execution["status"] as? String == "COMPLETED", "\(execution)")
        let id = try #require(execution["id"] as? String)
        let details = execution["details"] as? [String: String] ?? [:]
        #expect(details["quarantined"]?.contains("lake dq release \(id)") == true, "\(execution)")
        let table = dir.url.appendingPathComponent(".lake/analytics/sales/orders/orders")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: table.path)) ?? []).isEmpty, "held out of the table")
        let held = dir.url.appendingPathComponent(".lake/analytics/_quarantine/\(id)/sales/orders/orders")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: held.path)) ?? []).count == 1)
        let rows = try LakeBinary.run(["objects", "--zone", "analytics", "--json"], in: dir.url).json as? [[String: Any]]
        #expect(rows?.isEmpty == true, "no metadata rows while held: \(String(describing: rows))")

        let released = try LakeBinary.run(["dq", "release", id, "--json"], in: dir.url)
        #expect(released.status == 0, "\(released.stderr)")
        #expect(((released.json as? [String: Any])?["released"] as? [String])?.count == 1)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: table.path)) ?? []).count == 1, "back in the table")
        let back = try LakeBinary.run(["objects", "--zone", "analytics", "--json"], in: dir.url).json as? [[String: Any]]
        #expect(back?.count == 1, "its metadata row is back")
        let partitions = try LakeBinary.run(["catalog", "table", "acme_lake_dev_sales_orders_db.orders", "--json"], in: dir.url)
        #expect(partitions.status == 0, "\(partitions.stderr)")
        let again = try LakeBinary.run(["dq", "release", id], in: dir.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing in quarantine"), "\(again.stderr)")
    }
}
