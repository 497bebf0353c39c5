import Foundation

/// Octagon's Datasets and Pipelines tables: the registry derived from lake.yaml, and each
/// pipeline stage's ACTIVE/INACTIVE status and last execution.
///
/// Guarantees (checked by `RegistryStoreContract`): upserts keyed as SDLF keys them
/// (`<team>-<dataset>`, `<team>-<pipeline>-stage-a|b`).
public protocol RegistryStore: Sendable {
    func upsertDataset(_ record: DatasetRecord) async throws
    func dataset(id: String) async throws -> DatasetRecord?
    func datasets() async throws -> [DatasetRecord]
    func upsertPipeline(_ record: PipelineRecord) async throws
    func pipeline(id: String) async throws -> PipelineRecord?
    func pipelines() async throws -> [PipelineRecord]
    /// Records `record` as the pipeline's last execution, changing nothing else of its row (a
    /// missing row is left missing).
    func recordLastExecution(_ record: ExecutionRecord, pipelineId: String, at: Date) async throws
}

extension RegistryStore {
    /// Default: the pipeline row read and written back.
    public func recordLastExecution(_ record: ExecutionRecord, pipelineId: String, at: Date) async throws {
        guard var pipeline = try await pipeline(id: pipelineId) else { return }
        pipeline.recordLast(record, at: at)
        try await upsertPipeline(pipeline)
    }
}
