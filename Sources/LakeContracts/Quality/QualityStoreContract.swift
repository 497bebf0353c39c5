import Foundation
import LakeCore

/// The contract of the data-quality metrics repository (`QualityStore`): appends metrics and
/// rule outcomes; lists outcomes newest first, filtered by dataset, table and execution, with a
/// limit; returns a table's metric history oldest first, narrowed by name and column; keeps
/// optional values (observed, threshold) as given. Rows carry the fixture's namespace in their
/// dataset, so checks can share a backend. Dates are whole seconds.
public enum QualityStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any QualityStore>] {
        typealias Check = ContractCheck<any QualityStore>
        return [
            Check("quality-outcomes-newest-first-and-filtered") { f in
                let t0 = wholeSecond(f.time.now())
                let dataset = "team-\(f.namespace)/orders"
                func rule(_ execution: String, _ table: String, _ n: Int, outcome: String = "PASS") -> QualityRuleRecord {
                    QualityRuleRecord(
                        executionId: execution, dataset: dataset, table: table, rule: "RowCount > \(n)", level: n == 2 ? "warn" : "error",
                        outcome: outcome, observed: n == 1 ? nil : Double(n) + 0.5, threshold: n == 1 ? nil : "> \(n)",
                        message: "rule \(n)", at: t0.addingTimeInterval(Double(n)))
                }
                try await f.subject.record(metrics: [], rules: [rule("e1", "events", 0), rule("e1", "events", 1)])
                try await f.subject.record(metrics: [], rules: [rule("e2", "events", 2, outcome: "FAIL"), rule("e2", "users", 3)])
                let all = try await f.subject.rules(matching: QualityResultQuery(dataset: dataset))
                try ensureEqual(all.map(\.rule), ["RowCount > 3", "RowCount > 2", "RowCount > 1", "RowCount > 0"], "outcomes newest first")
                try ensureEqual(all[1], rule("e2", "events", 2, outcome: "FAIL"), "a stored outcome, every field")
                try ensureEqual(all[2].observed, nil, "a missing observed value")
                try ensureEqual(all[2].threshold, nil, "a missing threshold")
                try ensureEqual(
                    try await f.subject.rules(matching: QualityResultQuery(dataset: dataset, table: "events")).count, 3, "outcomes of one table")
                try ensureEqual(
                    try await f.subject.rules(matching: QualityResultQuery(executionId: "e1")).filter { $0.dataset == dataset }.map(\.rule),
                    ["RowCount > 1", "RowCount > 0"], "outcomes of one execution")
                try ensureEqual(
                    try await f.subject.rules(matching: QualityResultQuery(dataset: dataset, limit: 1)).map(\.rule), ["RowCount > 3"], "a limit")
                try ensureEqual(
                    try await f.subject.rules(matching: QualityResultQuery(dataset: "team-\(f.namespace)/none")).count, 0, "another dataset")
            },
            Check("quality-metric-history-oldest-first") { f in
                let t0 = wholeSecond(f.time.now())
                let dataset = "team-\(f.namespace)/orders"
                func metric(_ n: Int, name: String = "RowCount", column: String = "", table: String = "events") -> QualityMetricRecord {
                    QualityMetricRecord(
                        dataset: dataset, table: table, scope: "batch", executionId: "e\(n)", at: t0.addingTimeInterval(Double(n)), name: name,
                        column: column, value: Double(n * 10) + 0.25)
                }
                try await f.subject.record(metrics: [metric(2), metric(2, name: "Completeness", column: "id")], rules: [])
                try await f.subject.record(metrics: [metric(1), metric(3), metric(1, table: "users")], rules: [])
                let rows = try await f.subject.metrics(dataset: dataset, table: "events", name: "RowCount", column: "")
                try ensureEqual(rows.map(\.value), [10.25, 20.25, 30.25], "a metric's history oldest first")
                try ensureEqual(rows.first, metric(1), "a stored metric, every field")
                try ensureEqual(
                    try await f.subject.metrics(dataset: dataset, table: "events", name: "Completeness", column: "id").map(\.value), [20.25],
                    "a column's metric")
                try ensureEqual(
                    try await f.subject.metrics(dataset: dataset, table: "events", name: nil, column: nil).count, 4, "every metric of a table")
                try ensureEqual(
                    try await f.subject.metrics(dataset: dataset, table: "none", name: nil, column: nil).count, 0, "another table")
            },
        ]
    }
}
