import Foundation

/// One metric a data-quality check computed (the metrics repository's row): which table and
/// scope, which execution, when, and the value. `name` is a DQDL rule type or analyzer name
/// (`RowCount`, `Completeness`, `Mean`...), `column` the column(s) comma-joined (empty for the table).
public struct QualityMetricRecord: Sendable, Codable, Equatable {
    /// `team/dataset`.
    public var dataset: String
    public var table: String
    /// `batch`, `partitions` or `table`.
    public var scope: String
    /// The partition folder for per-partition metrics, else empty.
    public var partition: String
    public var executionId: String
    public var at: Date
    public var name: String
    public var column: String
    public var value: Double

    public init(
        dataset: String, table: String, scope: String, partition: String = "", executionId: String, at: Date, name: String,
        column: String, value: Double
    ) {
        self.dataset = dataset
        self.table = table
        self.scope = scope
        self.partition = partition
        self.executionId = executionId
        self.at = at
        self.name = name
        self.column = column
        self.value = value
    }
}

/// How one rule fared in one execution: `outcome` is PASS, FAIL or ERROR.
public struct QualityRuleRecord: Sendable, Codable, Equatable {
    public var executionId: String
    /// `team/dataset`.
    public var dataset: String
    public var table: String
    /// The rule as DQDL text.
    public var rule: String
    /// `error` or `warn`.
    public var level: String
    public var outcome: String
    public var observed: Double?
    public var threshold: String?
    public var message: String
    public var at: Date

    public init(
        executionId: String, dataset: String, table: String, rule: String, level: String, outcome: String, observed: Double?,
        threshold: String?, message: String, at: Date
    ) {
        self.executionId = executionId
        self.dataset = dataset
        self.table = table
        self.rule = rule
        self.level = level
        self.outcome = outcome
        self.observed = observed
        self.threshold = threshold
        self.message = message
        self.at = at
    }
}

/// Which rule outcomes to list; nil fields match everything.
public struct QualityResultQuery: Sendable, Equatable {
    public var dataset: String?
    public var table: String?
    public var executionId: String?
    public var limit: Int?

    public init(dataset: String? = nil, table: String? = nil, executionId: String? = nil, limit: Int? = nil) {
        self.dataset = dataset
        self.table = table
        self.executionId = executionId
        self.limit = limit
    }
}

/// The data-quality metrics repository (a port): every metric and rule outcome of every check,
/// the history anomaly detection reads. Adapters: SQLite (embedded), DynamoDB (AWS).
public protocol QualityStore: Sendable {
    /// Records a check's metrics and rule outcomes (appending; a re-check appends again).
    func record(metrics: [QualityMetricRecord], rules: [QualityRuleRecord]) async throws
    /// Rule outcomes matching `query`, newest first.
    func rules(matching query: QualityResultQuery) async throws -> [QualityRuleRecord]
    /// A table's metric history, oldest first; `name` and `column` narrow it when given.
    func metrics(dataset: String, table: String, name: String?, column: String?) async throws -> [QualityMetricRecord]
}
