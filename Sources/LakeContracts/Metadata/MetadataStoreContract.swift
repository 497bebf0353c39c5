import Foundation
import LakeCore

/// The contract of what spans capabilities (`MetadataStore`): finishing executions records their outputs and the pipeline's last execution.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum MetadataStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any MetadataStore>] {
        typealias Check = ContractCheck<any MetadataStore>
        return [
            Check("begin-continues-and-finish-records-the-pipeline's-last") { f in
                let team = "t" + f.namespace
                let t0 = wholeSecond(f.time.now())
                let pipeline = PipelineRecord(team: team, pipeline: "main", stage: .a, status: .inactive, updatedAt: t0)
                try await f.subject.upsertPipeline(pipeline)
                var first = execution(f, "run", at: t0)
                first.record("StageA Preupdate Processing", component: "preupdate", at: t0)
                let fresh = execution(f, "fresh", at: t0)
                let begun = try await f.subject.beginExecutions([first, fresh])
                try ensureEqual(begun.map(normalized), [normalized(first), normalized(fresh)], "new records are saved as given")
                // The same object again: the stored history continues, the attempt goes up.
                var again = execution(f, "run", at: t0.addingTimeInterval(10))
                again.record("StageA Preupdate Processing", component: "preupdate", at: t0.addingTimeInterval(10))
                let continued = try await f.subject.beginExecutions([again])
                try ensureEqual(continued.first?.attempt, first.attempt + 1, "attempt of a delivered-again execution")
                try ensureEqual(continued.first?.history.count, 2, "history of a delivered-again execution")
                try ensureEqual(try await f.subject.execution(id: again.id).map(normalized), continued.first.map(normalized), "continued record read back")

                var done = try unwrap(continued.first, "continued record")
                done.status = .completed
                done.endedAt = t0.addingTimeInterval(12)
                done.record("COMPLETED", component: "postupdate", at: t0.addingTimeInterval(12))
                var other = begun[1]
                other.status = .completed
                other.endedAt = t0.addingTimeInterval(1)
                let output = ObjectRecord(
                    id: "file:///\(f.namespace)/stage/\(team)/ds/events/a.jsonl", zone: .stage, key: "\(team)/ds/events/a.jsonl",
                    bucket: "stage", size: 12, lastModified: t0, timestamp: t0, contentHash: "h", team: team, dataset: "ds",
                    table: "events", pipeline: "main", pipelineStage: "StageA", executionId: done.id)
                try await f.subject.finishExecutions([other, done], outputs: [output], pipelineId: pipeline.id, at: t0.addingTimeInterval(13))
                try ensureEqual(try await f.subject.execution(id: done.id).map(normalized), normalized(done), "finished record read back")
                try ensureEqual(try await f.subject.object(id: output.id)?.executionId, done.id, "the output recorded with the finished executions")
                let row = try unwrap(try await f.subject.pipeline(id: pipeline.id), "pipeline row")
                try ensureEqual(row.lastExecutionId, done.id, "the newest finished execution is the pipeline's last")
                try ensureEqual(row.lastExecutionStatus, .completed, "last execution status")
                try ensureEqual(row.status, .inactive, "finishing executions leaves the pipeline's status alone")
                try await f.subject.recordLastExecution(other, pipelineId: pipeline.id, at: t0.addingTimeInterval(14))
                try ensureEqual(try await f.subject.pipeline(id: pipeline.id)?.lastExecutionId, other.id, "recordLastExecution")
                try await f.subject.finishExecutions([], outputs: [], pipelineId: pipeline.id, at: t0.addingTimeInterval(15))
                try await f.subject.recordLastExecution(other, pipelineId: "\(team)-missing-stage-a", at: t0)
                try ensure(try await f.subject.pipeline(id: "\(team)-missing-stage-a") == nil, "a missing pipeline row stays missing")
            },
        ]
    }
}
