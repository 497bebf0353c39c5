import Foundation

/// The whole Octagon metadata layer (DESIGN §3.1): every capability an engine needs, each a port
/// of its own with its own contract suite — object metadata, the registry, executions, slots,
/// stage-B claims, events and WLM priorities. Both adapters implement all of them; code that
/// needs only one capability asks for that protocol.
///
/// The one requirement of its own spans three capabilities: recording a batch's output objects,
/// finishing its executions and recording the newest as the pipeline's last execution, in one
/// transaction where the adapter can (checked by `MetadataStoreContract`).
public protocol MetadataStore: ObjectMetadataStore, RegistryStore, SlotStore, ClaimStore, EventStore, PriorityStore {
    /// Upserts the executions' output objects, saves the finished executions and records the
    /// newest as the pipeline's last execution (the SDLF Pipelines row's `last_execution_*`; a
    /// missing row is left missing).
    func finishExecutions(_ records: [ExecutionRecord], outputs: [ObjectRecord], pipelineId: String, at: Date) async throws
}

extension MetadataStore {
    /// Default: the objects, then a batch save, then the pipeline row read and written back.
    public func finishExecutions(_ records: [ExecutionRecord], outputs: [ObjectRecord], pipelineId: String, at: Date) async throws {
        if !outputs.isEmpty { try await upsertObjects(outputs) }
        try await saveExecutions(records)
        if let newest = records.max(by: { $0.startedAt < $1.startedAt }) {
            try await recordLastExecution(newest, pipelineId: pipelineId, at: at)
        }
    }
}
