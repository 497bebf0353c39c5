import Foundation

/// Execution slots: stage-B starts limited per slot group (`max_concurrent`) and, optionally,
/// across all groups (`wlm.global_max_concurrent`). A start inserts the RUNNING execution row,
/// so slots build on the execution store.
///
/// Guarantees (checked by `SlotStoreContract`): a start is atomic across processes — the count
/// of live RUNNING executions in a slot group never exceeds its limit.
public protocol SlotStore: ExecutionStore {
    /// Inserts a RUNNING record only if fewer than `slotLimit` RUNNING records share its
    /// `slotGroup` (records whose heartbeat `updatedAt` is before `staleBefore` do not count).
    /// Returns false, writing nothing, when the group is full.
    func startExecution(_ record: ExecutionRecord, slotLimit: Int, staleBefore: Date) async throws -> Bool
    /// Like ``startExecution(_:slotLimit:staleBefore:)``, and also only if fewer than
    /// `globalLimit` stage-B executions of any slot group are RUNNING (when given).
    func startExecution(_ record: ExecutionRecord, slotLimit: Int, globalLimit: Int?, staleBefore: Date) async throws -> Bool
    /// RUNNING executions in a slot group with a heartbeat at or after `staleBefore`; exact.
    func runningCount(slotGroup: String, staleBefore: Date) async throws -> Int
}

extension SlotStore {
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
