import Foundation

/// The Octagon port: object metadata, the dataset and pipeline registry, execution history,
/// stage-B key claims and events (DESIGN §3.1).
///
/// Guarantees every adapter keeps (checked by `MetadataStoreContract`):
/// - Every write is an upsert keyed as SDLF keys it; writing the same row twice leaves one row.
/// - ``startExecution(_:slotLimit:staleBefore:)`` is atomic across processes: the count of RUNNING
///   executions in a slot group never exceeds the limit.
/// - ``claim(keys:by:at:)`` is atomic per key across processes: a key has at most one owner.
public protocol MetadataStore: Sendable {
    // MARK: Object metadata
    func upsertObjects(_ records: [ObjectRecord]) async throws
    func deleteObject(id: String) async throws
    func object(id: String) async throws -> ObjectRecord?
    func objects(matching query: ObjectQuery) async throws -> [ObjectRecord]
    /// Object counts per zone.
    func objectCounts() async throws -> [Zone: Int]

    // MARK: Registry
    func upsertDataset(_ record: DatasetRecord) async throws
    func dataset(id: String) async throws -> DatasetRecord?
    func datasets() async throws -> [DatasetRecord]
    func upsertPipeline(_ record: PipelineRecord) async throws
    func pipeline(id: String) async throws -> PipelineRecord?
    func pipelines() async throws -> [PipelineRecord]

    // MARK: Executions
    /// Upserts the whole record.
    func saveExecution(_ record: ExecutionRecord) async throws
    /// Inserts a RUNNING record only if fewer than `slotLimit` RUNNING records share its
    /// `slotGroup` (records whose heartbeat `updatedAt` is before `staleBefore` do not count).
    /// Returns false, writing nothing, when the group is full.
    func startExecution(_ record: ExecutionRecord, slotLimit: Int, staleBefore: Date) async throws -> Bool
    func execution(id: String) async throws -> ExecutionRecord?
    func executions(matching query: ExecutionQuery) async throws -> [ExecutionRecord]
    /// Counts per status, over all executions matching `query` (its limit ignored).
    func executionCounts(matching query: ExecutionQuery) async throws -> [ExecutionStatus: Int]
    /// RUNNING executions in a slot group with a heartbeat at or after `staleBefore`; exact.
    func runningCount(slotGroup: String, staleBefore: Date) async throws -> Int
    /// Deletes executions whose `expiresAt` is before `now`; returns how many.
    func purgeExecutions(expiredBefore now: Date) async throws -> Int

    // MARK: Stage-B claims (manifests)
    /// Claims each unclaimed key for `executionId`. Returns the owner of every key that was
    /// already claimed by another execution (those keys are left as they were).
    func claim(keys: [String], by executionId: String, at: Date) async throws -> [String: String]
    /// Owners of the given keys (missing keys are unclaimed).
    func claimOwners(keys: [String]) async throws -> [String: String]
    /// Drops every claim held by `executionId` (after a failure, so the keys can be redriven).
    func releaseClaims(of executionId: String) async throws

    // MARK: Events
    func recordEvent(_ event: EventRecord) async throws
    func events(kind: String?, limit: Int) async throws -> [EventRecord]

    // MARK: Workload management (octagon-wlm)
    /// Upserts table priorities.
    func setPriorities(_ priorities: [TablePriority]) async throws
    /// Deletes a priority row (the table falls back to its dataset's default level).
    func deletePriority(id: String) async throws
    /// Every priority row.
    func priorities() async throws -> [TablePriority]

    /// Upserts many whole records; adapters make it one transaction or batch write.
    func saveExecutions(_ records: [ExecutionRecord]) async throws

    /// Saves new executions; a record whose id already has a row (the same object delivered
    /// again) continues it: its history follows the stored one and its attempt is one more.
    /// Returns the records as saved. Adapters make it one transaction where they can.
    func beginExecutions(_ records: [ExecutionRecord]) async throws -> [ExecutionRecord]

    /// Saves finished executions and records the newest as the pipeline's last execution (the
    /// SDLF Pipelines row's `last_execution_*`; a missing row is left missing), in one
    /// transaction where the adapter can.
    func finishExecutions(_ records: [ExecutionRecord], pipelineId: String, at: Date) async throws

    /// Records `record` as the pipeline's last execution, changing nothing else of its row.
    func recordLastExecution(_ record: ExecutionRecord, pipelineId: String, at: Date) async throws
    /// The executions with these ids (missing ids are absent from the result).
    func executions(ids: [String]) async throws -> [String: ExecutionRecord]

    /// Like ``startExecution(_:slotLimit:staleBefore:)``, and also only if fewer than
    /// `globalLimit` stage-B executions of any slot group are RUNNING (when given).
    func startExecution(_ record: ExecutionRecord, slotLimit: Int, globalLimit: Int?, staleBefore: Date) async throws -> Bool
}

extension MetadataStore {
    /// Default: one read, then one batch save.
    public func beginExecutions(_ records: [ExecutionRecord]) async throws -> [ExecutionRecord] {
        let previous = try await executions(ids: records.map(\.id))
        let merged = records.map { $0.continuing(previous[$0.id]) }
        try await saveExecutions(merged)
        return merged
    }

    /// Default: a batch save, then the pipeline row read and written back.
    public func finishExecutions(_ records: [ExecutionRecord], pipelineId: String, at: Date) async throws {
        try await saveExecutions(records)
        if let newest = records.max(by: { $0.startedAt < $1.startedAt }) {
            try await recordLastExecution(newest, pipelineId: pipelineId, at: at)
        }
    }

    /// Default: the pipeline row read and written back.
    public func recordLastExecution(_ record: ExecutionRecord, pipelineId: String, at: Date) async throws {
        guard var pipeline = try await pipeline(id: pipelineId) else { return }
        pipeline.recordLast(record, at: at)
        try await upsertPipeline(pipeline)
    }

    /// Default: one upsert per record.
    public func saveExecutions(_ records: [ExecutionRecord]) async throws {
        for record in records { try await saveExecution(record) }
    }
    /// Default: one read per id.
    public func executions(ids: [String]) async throws -> [String: ExecutionRecord] {
        var found: [String: ExecutionRecord] = [:]
        for id in ids { if let record = try await execution(id: id) { found[id] = record } }
        return found
    }

    /// Adapters without workload-management storage report it clearly.
    public func setPriorities(_ priorities: [TablePriority]) async throws {
        throw LakeError(.metadata, "this metadata store does not keep table priorities", hint: "use a backend with workload management")
    }
    public func deletePriority(id: String) async throws {
        throw LakeError(.metadata, "this metadata store does not keep table priorities", hint: "use a backend with workload management")
    }
    public func priorities() async throws -> [TablePriority] { [] }

    /// Default: the global check is a separate count (not atomic with the insert); adapters
    /// override it to make both checks one transaction or conditional write.
    public func startExecution(_ record: ExecutionRecord, slotLimit: Int, globalLimit: Int?, staleBefore: Date) async throws -> Bool {
        if let globalLimit {
            let running = try await executions(matching: ExecutionQuery(status: .running, stage: .b))
                .filter { $0.slotGroup != nil && $0.updatedAt >= staleBefore && $0.id != record.id }.count
            if running >= globalLimit { return false }
        }
        return try await startExecution(record, slotLimit: slotLimit, staleBefore: staleBefore)
    }
}
