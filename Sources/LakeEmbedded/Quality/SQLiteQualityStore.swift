import Foundation
import GRDB
import LakeCore

/// The data-quality metrics repository on the embedded backend: metrics and rule outcomes in
/// one SQLite database (`state/quality.sqlite`, WAL mode), appended by stage B and read by
/// `lake dq results`, `lake dq metrics` and anomaly detection.
public final class SQLiteQualityStore: QualityStore {
    let store: SQLiteStore

    /// Opens (creating when needed) the database at `url`.
    public init(url: URL) throws {
        store = try SQLiteStore(url: url, code: .metadata, label: "data-quality repository", migrator: Self.migrator)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: metrics and rule outcomes") { db in
            try db.execute(sql: """
                CREATE TABLE metric (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, tbl TEXT NOT NULL, scope TEXT NOT NULL,
                    partition TEXT NOT NULL, execution_id TEXT NOT NULL, at REAL NOT NULL, name TEXT NOT NULL, col TEXT NOT NULL,
                    value REAL NOT NULL);
                CREATE INDEX metric_series ON metric(dataset, tbl, name, col, at);
                CREATE TABLE rule_result (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, execution_id TEXT NOT NULL, dataset TEXT NOT NULL, tbl TEXT NOT NULL,
                    rule TEXT NOT NULL, level TEXT NOT NULL, outcome TEXT NOT NULL, observed REAL, threshold TEXT, message TEXT NOT NULL,
                    at REAL NOT NULL);
                CREATE INDEX rule_result_dataset ON rule_result(dataset, tbl, at);
                CREATE INDEX rule_result_execution ON rule_result(execution_id);
                """)
        }
        return migrator
    }

    public func record(metrics: [QualityMetricRecord], rules: [QualityRuleRecord]) async throws {
        try await store.write("record quality results", context: ["metrics": "\(metrics.count)", "rules": "\(rules.count)"]) { db in
            for m in metrics {
                try db.execute(
                    sql: "INSERT INTO metric (dataset, tbl, scope, partition, execution_id, at, name, col, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [m.dataset, m.table, m.scope, m.partition, m.executionId, m.at.timeIntervalSince1970, m.name, m.column, m.value])
            }
            for r in rules {
                try db.execute(
                    sql: """
                        INSERT INTO rule_result (execution_id, dataset, tbl, rule, level, outcome, observed, threshold, message, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.executionId, r.dataset, r.table, r.rule, r.level, r.outcome, r.observed, r.threshold, r.message,
                        r.at.timeIntervalSince1970,
                    ])
            }
        }
    }

    public func rules(matching query: QualityResultQuery) async throws -> [QualityRuleRecord] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let dataset = query.dataset { clauses.append("dataset = ?"); _ = arguments.append(contentsOf: [dataset]) }
        if let table = query.table { clauses.append("tbl = ?"); _ = arguments.append(contentsOf: [table]) }
        if let execution = query.executionId { clauses.append("execution_id = ?"); _ = arguments.append(contentsOf: [execution]) }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let limit = query.limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let sql = "SELECT * FROM rule_result \(whereClause) ORDER BY at DESC, seq DESC\(limit)"
        let args = arguments
        return try await store.read("read quality results") { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                QualityRuleRecord(
                    executionId: row["execution_id"], dataset: row["dataset"], table: row["tbl"], rule: row["rule"], level: row["level"],
                    outcome: row["outcome"], observed: row["observed"], threshold: row["threshold"], message: row["message"],
                    at: Date(timeIntervalSince1970: row["at"]))
            }
        }
    }

    public func metrics(dataset: String, table: String, name: String?, column: String?) async throws -> [QualityMetricRecord] {
        var sql = "SELECT * FROM metric WHERE dataset = ? AND tbl = ?"
        var arguments: StatementArguments = [dataset, table]
        if let name { sql += " AND name = ?"; _ = arguments.append(contentsOf: [name]) }
        if let column { sql += " AND col = ?"; _ = arguments.append(contentsOf: [column]) }
        sql += " ORDER BY at, seq"
        let args = arguments
        let query = sql
        return try await store.read("read quality metrics", context: ["table": table]) { db in
            try Row.fetchAll(db, sql: query, arguments: args).map { row in
                QualityMetricRecord(
                    dataset: row["dataset"], table: row["tbl"], scope: row["scope"], partition: row["partition"],
                    executionId: row["execution_id"], at: Date(timeIntervalSince1970: row["at"]), name: row["name"], column: row["col"],
                    value: row["value"])
            }
        }
    }
}
