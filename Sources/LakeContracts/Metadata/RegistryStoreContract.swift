import Foundation
import LakeCore

/// The contract of the registry (`RegistryStore`): dataset and pipeline rows upserted as SDLF keys them.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum RegistryStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any RegistryStore>] {
        typealias Check = ContractCheck<any RegistryStore>
        return [
            Check("dataset-upsert-round-trips") { f in
                let team = "t" + f.namespace
                var record = DatasetRecord(
                    team: team, name: "legislators", pipeline: "main", stageATransform: "sdlf_light_transform",
                    stageBTransform: "sdlf_heavy_transform", minItems: 1, maxItems: 100, updatedAt: wholeSecond(f.time.now()))
                try ensureEqual(record.id, "\(team)-legislators", "dataset id")
                try await f.subject.upsertDataset(record)
                record.maxItems = 50
                record.version = 2
                record.stageBTransform = nil
                try await f.subject.upsertDataset(record)
                try ensureEqual(try await f.subject.dataset(id: record.id).map(normalized), normalized(record), "dataset read back")
                let mine = try await f.subject.datasets().filter { $0.team == team }
                try ensureEqual(mine.map(normalized), [normalized(record)], "datasets listed after two upserts")
                try ensure(try await f.subject.dataset(id: "\(team)-none") == nil, "dataset(id:) of a missing id must be nil")
            },
            Check("pipeline-upsert-round-trips") { f in
                let team = "t" + f.namespace
                let t0 = wholeSecond(f.time.now())
                var a = PipelineRecord(team: team, pipeline: "main", stage: .a, updatedAt: t0)
                let b = PipelineRecord(team: team, pipeline: "main", stage: .b, status: .inactive, updatedAt: t0)
                try ensureEqual(a.id, "\(team)-main-stage-a", "pipeline id")
                try await f.subject.upsertPipeline(a)
                try await f.subject.upsertPipeline(b)
                a.lastExecutionId = "e1"
                a.lastExecutionDate = t0.addingTimeInterval(5)
                a.lastExecutionStatus = .completed
                a.lastExecutionDurationSeconds = 1.5
                try await f.subject.upsertPipeline(a)
                try ensureEqual(try await f.subject.pipeline(id: a.id).map(normalized), normalized(a), "pipeline read back")
                let mine = try await f.subject.pipelines().filter { $0.team == team }.sorted { $0.id < $1.id }
                try ensureEqual(mine.map(normalized), [normalized(a), normalized(b)], "pipelines listed")
            },
        ]
    }
}
