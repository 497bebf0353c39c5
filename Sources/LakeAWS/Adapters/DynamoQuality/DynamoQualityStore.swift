import Foundation
import LakeCore
import Synchronization

/// The data-quality metrics repository on DynamoDB (``DynamoQualityTables``): metrics and rule
/// outcomes appended with BatchWriteItem, read back with Queries on one table's (or dataset's)
/// partition, whose sort keys start with the time.
///
/// Records of the same time keep the order they were recorded in through a sequence
/// (microseconds of the `record` call, strictly increasing per store, then the record's index).
/// One execution's outcomes come from the `by-execution` index, which is eventually consistent;
/// outcomes filtered by neither dataset nor execution come from a Scan. A `record` call is not
/// atomic: when it fails part-way, some of its records may already be stored.
public final class DynamoQualityStore: QualityStore {
    /// The DynamoDB client.
    public let client: DynamoDBClient
    /// The table names.
    public let tables: DynamoQualityTables
    /// The last sequence base handed out, in microseconds since the epoch.
    private let lastSequence = Mutex<Int64>(0)

    /// Creates the store over existing tables (``createTables()`` makes them).
    public init(client: DynamoDBClient, tables: DynamoQualityTables) {
        self.client = client
        self.tables = tables
    }

    /// Creates the tables that are missing (an existing one is left as it is) and waits until
    /// both are active; returns the names of those created.
    @discardableResult
    public func createTables() async throws -> [String] {
        try await client.createTables(tables.specs)
    }

    // MARK: Writes

    /// Appends the metrics and outcomes, in BatchWriteItem calls of 25.
    public func record(metrics: [QualityMetricRecord], rules: [QualityRuleRecord]) async throws {
        guard !metrics.isEmpty || !rules.isEmpty else { return }
        let base = nextSequenceBase()
        let metricWrites = metrics.enumerated().map { index, metric in
            DynamoWriteRequest.put(QualityItems.item(metric, sequence: QualityItems.sequence(base: base, index: index)))
        }
        var ruleWrites: [DynamoWriteRequest] = []
        for (index, rule) in rules.enumerated() {
            ruleWrites.append(
                .put(try QualityItems.item(rule, sequence: QualityItems.sequence(base: base, index: index), table: tables.results)))
        }
        if !metricWrites.isEmpty {
            try await guarded(tables.metrics) { try await client.batchWrite(table: tables.metrics, metricWrites) }
        }
        if !ruleWrites.isEmpty {
            try await guarded(tables.results) { try await client.batchWrite(table: tables.results, ruleWrites) }
        }
    }

    /// The current time in microseconds, or one more than the last base handed out.
    private func nextSequenceBase() -> Int64 {
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        return lastSequence.withLock { last in
            last = max(now, last + 1)
            return last
        }
    }

    // MARK: Rule outcomes

    /// Outcomes matching `query`, newest first (equal times: last recorded first). With a dataset
    /// it queries that partition, with only an execution the `by-execution` index, else it scans;
    /// with a limit it stops reading once no further page can hold a newer outcome.
    public func rules(matching query: QualityResultQuery) async throws -> [QualityRuleRecord] {
        let limit = query.limit.map { max(0, $0) }
        if limit == 0 { return [] }
        let table = tables.results
        var filter = QualityFilter()
        if let wanted = query.table { filter.equal("table", wanted) }
        let found: [QualityItems.Stored<QualityRuleRecord>]
        if let dataset = query.dataset {
            // No outcome is stored without a dataset, and a key condition may not be empty.
            if dataset.isEmpty { return [] }
            if let execution = query.executionId { filter.equal("executionId", execution) }
            let key = DynamoExpression("#pk = :pk", names: ["#pk": "dataset"], values: [":pk": .s(dataset)])
            let expression = filter.expression
            found = try await newest(query, limit: limit) { start in
                try await self.client.query(
                    table: table, keyCondition: key, filter: expression, startKey: start, ascending: false, consistent: true)
            }
        } else if let execution = query.executionId, !execution.isEmpty {
            let key = DynamoExpression("#pk = :pk", names: ["#pk": "executionId"], values: [":pk": .s(execution)])
            let expression = filter.expression
            found = try await newest(query, limit: limit) { start in
                try await self.client.query(
                    table: table, index: DynamoQualityTables.executionIndex, keyCondition: key, filter: expression, startKey: start,
                    ascending: false)
            }
        } else {
            if let execution = query.executionId { filter.equal("executionId", execution) }
            let expression = filter.expression
            let items = try await guarded(table) { try await client.scanAll(table: table, filter: expression, consistent: true) }
            found = try items.map { item throws(LakeError) in try QualityItems.rule(item, table: table) }.filter { Self.matches($0.record, query) }
        }
        let ordered = Self.newestFirst(found).map(\.record)
        return limit.map { Array(ordered.prefix($0)) } ?? ordered
    }

    /// Reads pages newest first until the last one, or, with a limit, until `limit` outcomes
    /// match and the next page can only hold outcomes older than the `limit`-th.
    private func newest(
        _ query: QualityResultQuery, limit: Int?, page: @Sendable (DynamoItem?) async throws -> DynamoPage
    ) async throws -> [QualityItems.Stored<QualityRuleRecord>] {
        let table = tables.results
        var found: [QualityItems.Stored<QualityRuleRecord>] = []
        var start: DynamoItem?
        repeat {
            let next = try await guarded(table) { try await page(start) }
            for item in next.items {
                let stored = try QualityItems.rule(item, table: table)
                if Self.matches(stored.record, query) { found.append(stored) }
            }
            start = next.lastEvaluatedKey
            if let limit, found.count >= limit, let key = start?["sk"]?.string, let reached = QualityItems.millis(ofSortKey: key) {
                let cutoff = Self.newestFirst(found)[limit - 1].record.at
                // Later pages hold sort keys below `key`: times in earlier milliseconds than `reached`.
                if reached < QualityItems.millis(cutoff) { break }
            }
        } while start != nil
        return found
    }

    static func matches(_ record: QualityRuleRecord, _ query: QualityResultQuery) -> Bool {
        (query.dataset.map { $0 == record.dataset } ?? true) && (query.table.map { $0 == record.table } ?? true)
            && (query.executionId.map { $0 == record.executionId } ?? true)
    }

    static func newestFirst(_ stored: [QualityItems.Stored<QualityRuleRecord>]) -> [QualityItems.Stored<QualityRuleRecord>] {
        stored.sorted { a, b in a.record.at != b.record.at ? a.record.at > b.record.at : a.sequence > b.sequence }
    }

    // MARK: Metrics

    /// A table's metric history, oldest first (equal times: as recorded), from a Query on its
    /// partition filtered by name and column.
    public func metrics(dataset: String, table: String, name: String?, column: String?) async throws -> [QualityMetricRecord] {
        let metricsTable = tables.metrics
        var filter = QualityFilter()
        filter.equal("dataset", dataset)
        filter.equal("table", table)
        if let name { filter.equal("name", name) }
        if let column { filter.equal("column", column) }
        let key = DynamoExpression(
            "#pk = :pk", names: ["#pk": "series"], values: [":pk": .s(QualityItems.series(dataset: dataset, table: table))])
        let expression = filter.expression
        let items = try await guarded(metricsTable) {
            try await client.queryAll(table: metricsTable, keyCondition: key, filter: expression, consistent: true)
        }
        let found = try items.map { item throws(LakeError) in try QualityItems.metric(item, table: metricsTable) }
        return found.filter { stored in
            stored.record.dataset == dataset && stored.record.table == table && (name.map { $0 == stored.record.name } ?? true)
                && (column.map { $0 == stored.record.column } ?? true)
        }
        .sorted { a, b in a.record.at != b.record.at ? a.record.at < b.record.at : a.sequence < b.sequence }
        .map(\.record)
    }

    // MARK: Support

    /// Runs a DynamoDB call, turning a missing table into a `.metadata` error that says how to fix it.
    func guarded<T: Sendable>(_ table: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LakeError where DynamoDBClient.isMissingResource(error) {
            throw LakeError(
                .metadata, "the DynamoDB table \(table) (data-quality repository) does not exist",
                hint: "create the data-quality tables: run `lake aws bootstrap`, or open the lake with data quality configured",
                context: ["table": table], underlying: error)
        }
    }
}

/// A FilterExpression of equalities, `#fN = :fN` joined with AND. Empty values are left to the
/// caller's own check (an empty string is no useful filter value).
struct QualityFilter {
    private var clauses: [String] = []
    private var names: [String: String] = [:]
    private var values: [String: AttributeValue] = [:]

    mutating func equal(_ attribute: String, _ value: String) {
        guard !value.isEmpty else { return }
        let n = clauses.count
        clauses.append("#f\(n) = :f\(n)")
        names["#f\(n)"] = attribute
        values[":f\(n)"] = .s(value)
    }

    var expression: DynamoExpression? {
        clauses.isEmpty ? nil : DynamoExpression(clauses.joined(separator: " AND "), names: names, values: values)
    }
}
