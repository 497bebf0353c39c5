import LakeCore

/// Brings the backend in line with the config: creates every queue and upserts the dataset and
/// pipeline registry rows (keeping a pipeline's ACTIVE/INACTIVE status). Idempotent.
public enum LakeSetup {
    public static func apply(_ env: LakeEnvironment, topology: Topology) async throws {
        for (name, options) in topology.queueSpecs(tuning: env.tuning) {
            try await env.queues.createQueue(name, options: options)
        }
        let now = env.clock.now()
        for unit in topology.sortedDatasets {
            let stageB = unit.pipeline.stageB
            let existing = try await env.metadata.dataset(id: unit.ref.id)
            var record = DatasetRecord(
                team: unit.ref.team, name: unit.ref.dataset, pipeline: unit.pipeline.name,
                stageATransform: unit.stageATransform, stageBTransform: unit.stageBTransform,
                minItems: stageB?.minItems ?? 1, maxItems: stageB?.maxItems ?? 100, version: 1, updatedAt: now)
            if let existing {
                record.version = existing.version
                var comparable = existing
                comparable.updatedAt = now
                if comparable == record { continue }
                record.version = existing.version + 1
            }
            try await env.metadata.upsertDataset(record)
        }
        try await PrioritySync.apply(env.config, metadata: env.metadata, at: now)
        for unit in topology.stageA {
            let stages: [PipelineStage] = unit.runsStageB ? [.a, .b] : [.a]
            for stage in stages {
                let id = PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: stage)
                if try await env.metadata.pipeline(id: id) == nil {
                    try await env.metadata.upsertPipeline(PipelineRecord(team: unit.team, pipeline: unit.pipeline.name, stage: stage, updatedAt: now))
                }
            }
        }
    }
}
