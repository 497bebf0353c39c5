import Foundation

/// The whole Octagon metadata layer (DESIGN §3.1): every capability an engine needs, each a port
/// of its own with its own contract suite — object metadata, the registry, executions, slots,
/// stage-B claims, events and WLM priorities. Both adapters implement all of them; code that
/// needs only one capability asks for that protocol.
///
/// The one requirement of its own spans two capabilities: finishing a batch of executions and
/// recording the newest as the pipeline's last execution, in one transaction where the adapter
/// can (checked by `MetadataStoreContract`).
public protocol MetadataStore: ObjectMetadataStore, RegistryStore, SlotStore, ClaimStore, EventStore, PriorityStore {
    /// Saves finished executions and records the newest as the pipeline's last execution (the
    /// SDLF Pipelines row's `last_execution_*`; a missing row is left missing).
    func finishExecutions(_ records: [ExecutionRecord], pipelineId: String, at: Date) async throws
}

extension MetadataStore {
    /// Default: a batch save, then the pipeline row read and written back.
    public func finishExecutions(_ records: [ExecutionRecord], pipelineId: String, at: Date) async throws {
        try await saveExecutions(records)
        if let newest = records.max(by: { $0.startedAt < $1.startedAt }) {
            try await recordLastExecution(newest, pipelineId: pipelineId, at: at)
        }
    }
}
