import Foundation
import LakeCore

extension DynamoMetadataStore {
    /// Upserts the row; with a slot group, refreshes or releases its lease in the same transaction.
    public func saveExecution(_ record: ExecutionRecord) async throws {
        guard let group = record.slotGroup else {
            try await guarded(tables.executions) { try await client.putItem(table: tables.executions, item: OctagonItems.item(record)) }
            return
        }
        if record.status != .running, try await readSlots(group).holders[record.id] == nil {
            try await guarded(tables.executions) { try await client.putItem(table: tables.executions, item: OctagonItems.item(record)) }
            return
        }
        // The row and its lease change together: RUNNING refreshes the heartbeat, anything else
        // releases the slot.
        _ = try await withSlots(group, for: record) { holders in
            if record.status == .running {
                holders[record.id] = record.updatedAt
            } else {
                holders.removeValue(forKey: record.id)
            }
            return true
        }
    }

    /// Upserts many rows: those without a slot group in BatchWriteItem calls of 25 (stage A
    /// writes a received batch's records this way), the others one by one, since each changes
    /// its lease with it. When an id repeats, its last record wins.
    public func saveExecutions(_ records: [ExecutionRecord]) async throws {
        var plain: [String: ExecutionRecord] = [:]
        var order: [String] = []
        for record in records where record.slotGroup == nil {
            if plain.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        }
        if !order.isEmpty {
            try await guarded(tables.executions) {
                try await client.batchWrite(table: tables.executions, order.compactMap { plain[$0] }.map { .put(OctagonItems.item($0)) })
            }
        }
        for record in records where record.slotGroup != nil { try await saveExecution(record) }
    }

    /// The executions with these ids, read with strongly consistent BatchGetItem (100 a call).
    public func executions(ids: [String]) async throws -> [String: ExecutionRecord] {
        guard !ids.isEmpty else { return [:] }
        let items = try await guarded(tables.executions) {
            try await client.batchGet(table: tables.executions, keys: Array(Set(ids)).map { ["id": .s($0)] })
        }
        var found: [String: ExecutionRecord] = [:]
        for item in items {
            let record = try OctagonItems.execution(item, table: tables.executions)
            found[record.id] = record
        }
        return found
    }

    /// The execution `id`, strongly consistent.
    public func execution(id: String) async throws -> ExecutionRecord? {
        let item = try await guarded(tables.executions) { try await client.getItem(table: tables.executions, key: ["id": .s(id)]) }
        return try item.map { item throws(LakeError) in try OctagonItems.execution(item, table: tables.executions) }
    }

    /// Executions matching `query`, newest first (a filtered, consistent scan).
    public func executions(matching query: ExecutionQuery) async throws -> [ExecutionRecord] {
        let records = try await matchingExecutions(query)
        guard let limit = query.limit else { return records }
        return Array(records.prefix(max(0, limit)))
    }

    /// Counts per status of the executions matching `query`, its limit ignored.
    public func executionCounts(matching query: ExecutionQuery) async throws -> [ExecutionStatus: Int] {
        var counts: [ExecutionStatus: Int] = [:]
        for record in try await matchingExecutions(query) { counts[record.status, default: 0] += 1 }
        return counts
    }

    /// Deletes executions whose `expiresAt` is before `now` (DynamoDB's TTL also does, later).
    public func purgeExecutions(expiredBefore now: Date) async throws -> Int {
        let filter = DynamoExpression(
            "#expires < :now", names: ["#expires": "expires_at"], values: [":now": .s(AWSDateFormat.formatISO8601(now))])
        let expired = try await scan(tables.executions, filter: filter, limit: nil)
            .map { item throws(LakeError) in try OctagonItems.execution(item, table: tables.executions) }
        for record in expired {
            if let group = record.slotGroup {
                try await releaseLease(group, executionId: record.id)
            }
            try await guarded(tables.executions) {
                _ = try await client.deleteItem(table: tables.executions, key: ["id": .s(record.id)])
            }
        }
        return expired.count
    }

    /// Every execution matching `query` (its limit ignored), newest first.
    func matchingExecutions(_ query: ExecutionQuery) async throws -> [ExecutionRecord] {
        var clauses: [String] = []
        var names: [String: String] = [:]
        var values: [String: AttributeValue] = [:]
        func add(_ clause: String, _ field: String, _ value: AttributeValue) {
            let index = names.count
            clauses.append(clause.replacingOccurrences(of: "#f", with: "#f\(index)").replacingOccurrences(of: ":v", with: ":v\(index)"))
            names["#f\(index)"] = field
            values[":v\(index)"] = value
        }
        if let dataset = query.dataset {
            add("#f = :v", "team", .s(dataset.team))
            add("#f = :v", "dataset", .s(dataset.dataset))
        }
        if let status = query.status { add("#f = :v", "status", .s(status.rawValue)) }
        if let stage = query.stage { add("#f = :v", "stage", .s(stage.rawValue)) }
        if let pipeline = query.pipeline { add("#f = :v", "pipeline", .s(pipeline)) }
        if let after = query.startedAfter { add("#f > :v", "start_timestamp", .s(AWSDateFormat.formatISO8601(after))) }
        let filter = clauses.isEmpty ? nil : DynamoExpression(clauses.joined(separator: " AND "), names: names, values: values)
        return try await scan(tables.executions, filter: filter, limit: nil)
            .map { item throws(LakeError) in try OctagonItems.execution(item, table: tables.executions) }
            .sorted { $0.startedAt != $1.startedAt ? $0.startedAt > $1.startedAt : $0.id > $1.id }
            .filter { record in query.after.map { $0.precedes(record) } ?? true }
    }
}
