import Foundation
import LakeCore

extension LakeRuntime {
    /// Objects the metadata store records, as `query` selects them.
    public func objects(_ query: ObjectQuery) async throws -> [ObjectRecord] {
        try await env.metadata.objects(matching: query)
    }

    /// Object counts per zone, every zone present.
    public func objectCounts() async throws -> [String: Int] {
        let zones = try await env.metadata.objectCounts()
        return Dictionary(uniqueKeysWithValues: Zone.allCases.map { ($0.rawValue, zones[$0] ?? 0) })
    }

    /// The pipeline registry: one row per team pipeline stage, by id.
    public func pipelines() async throws -> [PipelineRecord] {
        try await env.metadata.pipelines().sorted { $0.id < $1.id }
    }

    /// The dataset registry, by id.
    public func datasets() async throws -> [DatasetRecord] {
        try await env.metadata.datasets().sorted { $0.id < $1.id }
    }

    /// Makes a team pipeline's stages (both, or one) ACTIVE or INACTIVE; an INACTIVE stage's
    /// messages wait. Returns the rows changed; `.notFound` when the pipeline is not registered.
    public func setPipelineStatus(_ status: PipelineStatus, team: String, pipeline: String, stage: PipelineStage? = nil) async throws -> [PipelineRecord] {
        try requireWritable("change a pipeline's status")
        var changed: [PipelineRecord] = []
        for s in stage.map({ [$0] }) ?? PipelineStage.allCases {
            let id = PipelineRecord.id(team: team, pipeline: pipeline, stage: s)
            guard var record = try await env.metadata.pipeline(id: id) else { continue }
            record.status = status
            record.updatedAt = env.clock.now()
            try await env.metadata.upsertPipeline(record)
            changed.append(record)
        }
        if changed.isEmpty {
            throw LakeError(.notFound, "no pipeline \(team)/\(pipeline) in the registry", hint: "`lake pipelines` lists them", context: ["pipeline": "\(team)/\(pipeline)"])
        }
        return changed
    }
}
