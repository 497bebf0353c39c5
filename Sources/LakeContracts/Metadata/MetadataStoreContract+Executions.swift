import Foundation
import LakeCore

extension MetadataStoreContract {
    static func executionChecks() -> [Check] {
        [
            Check("execution-save-round-trips-and-upserts") { f in
                let t0 = wholeSecond(f.time.now())
                var record = execution(f, "e1", at: t0)
                record.record("StageA Preupdate Processing", component: "preupdate", at: t0)
                try await f.subject.saveExecution(record)
                try ensureEqual(try await f.subject.execution(id: record.id).map(normalized), normalized(record), "execution read back")
                record.record("StageA Process Processing", component: "process", at: t0.addingTimeInterval(1))
                record.outputKeys = ["stage/\(f.namespace)/out 1.json", "stage/你好/😊.json"]
                record.status = .failed
                record.error = "process: could not parse line 3"
                record.comment = "retry after fixing the file"
                record.details = ["rows": "10", "job": "j-1"]
                record.endedAt = t0.addingTimeInterval(2)
                record.attempt = 2
                try await f.subject.saveExecution(record)
                try await f.subject.saveExecution(record)
                try ensureEqual(try await f.subject.execution(id: record.id).map(normalized), normalized(record), "execution after upserts")
                let mine = try await f.subject.executions(matching: ExecutionQuery(dataset: record.datasetRef))
                try ensureEqual(mine.count, 1, "rows after saving one execution three times")
                try ensure(try await f.subject.execution(id: "\(record.id)-none") == nil, "execution(id:) of a missing id must be nil")
            },
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
                try await f.subject.finishExecutions([other, done], pipelineId: pipeline.id, at: t0.addingTimeInterval(13))
                try ensureEqual(try await f.subject.execution(id: done.id).map(normalized), normalized(done), "finished record read back")
                let row = try unwrap(try await f.subject.pipeline(id: pipeline.id), "pipeline row")
                try ensureEqual(row.lastExecutionId, done.id, "the newest finished execution is the pipeline's last")
                try ensureEqual(row.lastExecutionStatus, .completed, "last execution status")
                try ensureEqual(row.status, .inactive, "finishing executions leaves the pipeline's status alone")
                try await f.subject.recordLastExecution(other, pipelineId: pipeline.id, at: t0.addingTimeInterval(14))
                try ensureEqual(try await f.subject.pipeline(id: pipeline.id)?.lastExecutionId, other.id, "recordLastExecution")
                try await f.subject.finishExecutions([], pipelineId: pipeline.id, at: t0.addingTimeInterval(15))
                try await f.subject.recordLastExecution(other, pipelineId: "\(team)-missing-stage-a", at: t0)
                try ensure(try await f.subject.pipeline(id: "\(team)-missing-stage-a") == nil, "a missing pipeline row stays missing")
            },
            Check("executions-query-filters-newest-first") { f in
                let t0 = wholeSecond(f.time.now())
                var records: [ExecutionRecord] = []
                for i in 0..<6 {
                    var r = execution(f, "q\(i)", at: t0.addingTimeInterval(Double(i)), dataset: i % 2 == 0 ? "even" : "odd", stage: i < 3 ? .a : .b)
                    if i % 3 == 0 { r.status = .completed }
                    records.append(r)
                    try await f.subject.saveExecution(r)
                }
                let team = "t" + f.namespace
                let even = DatasetRef(team: team, dataset: "even")
                let all = try await f.subject.executions(matching: ExecutionQuery(dataset: even))
                try ensureEqual(all.map(\.id), records.filter { $0.dataset == "even" }.reversed().map(\.id), "dataset's executions, newest first")
                let limited = try await f.subject.executions(matching: ExecutionQuery(dataset: even, limit: 2))
                try ensureEqual(limited.map(\.id), Array(all.prefix(2).map(\.id)), "limit keeps the newest")
                let running = try await f.subject.executions(matching: ExecutionQuery(dataset: even, status: .running))
                try ensureEqual(Set(running.map(\.id)), Set(records.filter { $0.dataset == "even" && $0.status == .running }.map(\.id)), "status filter")
                let stageB = try await f.subject.executions(matching: ExecutionQuery(dataset: DatasetRef(team: team, dataset: "odd"), stage: .b))
                try ensureEqual(Set(stageB.map(\.id)), Set(records.filter { $0.dataset == "odd" && $0.stage == .b }.map(\.id)), "stage filter")
                let late = try await f.subject.executions(matching: ExecutionQuery(dataset: even, startedAfter: t0.addingTimeInterval(1)))
                try ensureEqual(Set(late.map(\.id)), Set(records.filter { $0.dataset == "even" && $0.startedAt > t0.addingTimeInterval(1) }.map(\.id)), "startedAfter filter")
                let byPipeline = try await f.subject.executions(matching: ExecutionQuery(pipeline: "\(team)-main"))
                try ensureEqual(byPipeline.count, 6, "pipeline filter")
                let counts = try await f.subject.executionCounts(matching: ExecutionQuery(dataset: even, limit: 1))
                try ensureEqual(counts[.completed], 1, "completed count (limit ignored)")
                try ensureEqual(counts[.running], 2, "running count (limit ignored)")
            },
            Check("purge-removes-expired-executions", tags: [.readsGlobalTotals]) { f in
                let t0 = wholeSecond(f.time.now())
                let old = execution(f, "old", at: t0, ttl: .seconds(10))
                let young = execution(f, "young", at: t0, ttl: .seconds(3600))
                try await f.subject.saveExecution(old)
                try await f.subject.saveExecution(young)
                let purged = try await f.subject.purgeExecutions(expiredBefore: t0.addingTimeInterval(60))
                try ensureEqual(purged, 1, "executions purged")
                try ensure(try await f.subject.execution(id: old.id) == nil, "expired execution still there")
                try ensure(try await f.subject.execution(id: young.id) != nil, "unexpired execution purged")
            },
        ]
    }

    static func slotChecks() -> [Check] {
        [
            Check("start-execution-respects-slot-limit") { f in
                let t0 = wholeSecond(f.time.now())
                let group = "\(f.namespace)-slots"
                let staleBefore = t0.addingTimeInterval(-60)
                var stale = execution(f, "stale", at: t0.addingTimeInterval(-600), slotGroup: group)
                stale.updatedAt = t0.addingTimeInterval(-300)
                try await f.subject.saveExecution(stale)
                var done = execution(f, "done", at: t0, slotGroup: group)
                done.status = .completed
                try await f.subject.saveExecution(done)
                try await f.subject.saveExecution(execution(f, "elsewhere", at: t0, slotGroup: group + "-other"))
                for i in 0..<2 {
                    let started = try await f.subject.startExecution(execution(f, "s\(i)", at: t0, slotGroup: group), slotLimit: 2, staleBefore: staleBefore)
                    try ensure(started, "start \(i + 1) of 2 refused")
                }
                let third = execution(f, "s2", at: t0, slotGroup: group)
                try ensure(!(try await f.subject.startExecution(third, slotLimit: 2, staleBefore: staleBefore)), "a third start within a limit of 2")
                try ensure(try await f.subject.execution(id: third.id) == nil, "a refused start wrote its record")
                try ensureEqual(try await f.subject.runningCount(slotGroup: group, staleBefore: staleBefore), 2, "running count")
                try ensureEqual(try await f.subject.runningCount(slotGroup: group, staleBefore: t0.addingTimeInterval(-3600)), 3, "running count including the stale one")
                let again = try await f.subject.startExecution(execution(f, "s1", at: t0, slotGroup: group), slotLimit: 2, staleBefore: staleBefore)
                try ensure(again, "restarting an execution that holds a slot must not count it twice")
                var finished = execution(f, "s0", at: t0, slotGroup: group)
                finished.status = .completed
                try await f.subject.saveExecution(finished)
                try ensure(try await f.subject.startExecution(third, slotLimit: 2, staleBefore: staleBefore), "start after a slot was freed")
            },
            Check("start-execution-is-atomic-under-concurrency", tags: [.concurrent]) { f in
                let t0 = wholeSecond(f.time.now())
                let group = "\(f.namespace)-race"
                let instances = f.instances
                let records = (0..<24).map { execution(f, "r\($0)", at: t0, slotGroup: group) }
                let started = try await withThrowingTaskGroup(of: Bool.self) { tasks in
                    for (i, record) in records.enumerated() {
                        let store = instances[i % instances.count]
                        tasks.addTask { try await store.startExecution(record, slotLimit: 3, staleBefore: t0.addingTimeInterval(-60)) }
                    }
                    var n = 0
                    for try await ok in tasks where ok { n += 1 }
                    return n
                }
                try ensureEqual(started, 3, "executions started with 24 concurrent starts and a limit of 3")
                try ensureEqual(try await f.subject.runningCount(slotGroup: group, staleBefore: t0.addingTimeInterval(-60)), 3, "running count")
            },
        ]
    }

    static func execution(
        _ f: Fixture, _ name: String, at date: Date, dataset: String = "ds", stage: PipelineStage = .a, slotGroup: String? = nil,
        ttl: Duration = ExecutionRecord.defaultTTL
    ) -> ExecutionRecord {
        let team = "t" + f.namespace
        return ExecutionRecord(
            id: "\(f.namespace)-\(name)", pipeline: "\(team)-main", stage: stage, team: team, dataset: dataset, startedAt: date,
            inputKeys: ["\(team)/\(dataset)/in 1.json", "\(team)/\(dataset)/你好.json"], slotGroup: slotGroup, ttl: ttl)
    }
}
