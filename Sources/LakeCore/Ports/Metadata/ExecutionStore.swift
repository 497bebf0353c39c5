import Foundation

/// Octagon's PipelineExecutionHistory table: one row per stage-A or stage-B execution.
///
/// Guarantees (checked by `ExecutionStoreContract`): saves are upserts of the whole record, so
/// a retried step rewrites instead of duplicating; queries are newest first.
public protocol ExecutionStore: Sendable {
    /// Upserts the whole record.
    func saveExecution(_ record: ExecutionRecord) async throws
    func execution(id: String) async throws -> ExecutionRecord?
    func executions(matching query: ExecutionQuery) async throws -> [ExecutionRecord]
    /// Counts per status, over all executions matching `query` (its limit ignored).
    func executionCounts(matching query: ExecutionQuery) async throws -> [ExecutionStatus: Int]
    /// Deletes executions whose `expiresAt` is before `now`; returns how many.
    func purgeExecutions(expiredBefore now: Date) async throws -> Int

    /// Upserts many whole records; adapters make it one transaction or batch write.
    func saveExecutions(_ records: [ExecutionRecord]) async throws
    /// Saves new executions; a record whose id already has a row (the same object delivered
    /// again) continues it: its history follows the stored one and its attempt is one more.
    /// Returns the records as saved. Adapters make it one transaction where they can.
    func beginExecutions(_ records: [ExecutionRecord]) async throws -> [ExecutionRecord]
    /// The executions with these ids (missing ids are absent from the result).
    func executions(ids: [String]) async throws -> [String: ExecutionRecord]
}

extension ExecutionStore {
    /// Default: one upsert per record.
    public func saveExecutions(_ records: [ExecutionRecord]) async throws {
        for record in records { try await saveExecution(record) }
    }

    /// Default: one read, then one batch save.
    public func beginExecutions(_ records: [ExecutionRecord]) async throws -> [ExecutionRecord] {
        let previous = try await executions(ids: records.map(\.id))
        let merged = records.map { $0.continuing(previous[$0.id]) }
        try await saveExecutions(merged)
        return merged
    }

    /// Default: one read per id.
    public func executions(ids: [String]) async throws -> [String: ExecutionRecord] {
        var found: [String: ExecutionRecord] = [:]
        for id in ids { if let record = try await execution(id: id) { found[id] = record } }
        return found
    }
}
