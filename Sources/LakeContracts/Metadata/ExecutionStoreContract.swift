import Foundation
import LakeCore

/// The contract of execution history (`ExecutionStore`): whole-record upserts, queries newest first, purges.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum ExecutionStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any ExecutionStore>] {
        typealias Check = ContractCheck<any ExecutionStore>
        return [
            Check("execution-save-round-trips-and-upserts") { f in
                let t0 = wholeSecond(f.time.now())
                var record = execution(f, "e1", at: t0)
                record.record("StageA Preupdate Processing", component: "preupdate", at: t0)
                try await f.subject.saveExecution(record)
                try ensureEqual(try await f.subject.execution(id: record.id).map(normalized), normalized(record), "execution read back")
                record.record("StageA Process Processing", component: "process", at: t0.addingTimeInterval(1))
                record.outputKeys = ["stage/\(f.namespace)/out 1.json", "stage/你好/😊.json"]
                record.fail(
                    component: "process", error: LakeError(.format, "could not parse line 3", hint: "fix line 3, then redrive"),
                    at: t0.addingTimeInterval(2))
                record.comment = "retry after fixing the file"
                record.details = ["rows": "10", "job": "j-1"]
                record.attempt = 2
                try await f.subject.saveExecution(record)
                try await f.subject.saveExecution(record)
                try ensureEqual(try await f.subject.execution(id: record.id).map(normalized), normalized(record), "execution after upserts")
                let failed = try unwrap(try await f.subject.execution(id: record.id), "failed execution")
                try ensureEqual(
                    [failed.error, failed.errorCode, failed.errorHint, failed.errorComponent],
                    ["process: could not parse line 3", "format", "fix line 3, then redrive", "process"], "the failure's message, code, hint and component")
                let mine = try await f.subject.executions(matching: ExecutionQuery(dataset: record.datasetRef))
                try ensureEqual(mine.count, 1, "rows after saving one execution three times")
                try ensure(try await f.subject.execution(id: "\(record.id)-none") == nil, "execution(id:) of a missing id must be nil")
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
            Check("executions-page-by-position") { f in
                let t0 = wholeSecond(f.time.now())
                // Five executions, two of them started at the same instant.
                var records: [ExecutionRecord] = []
                for i in 0..<5 {
                    records.append(execution(f, "p\(i)", at: t0.addingTimeInterval(Double(min(i, 3))), dataset: "paged"))
                }
                for record in records { try await f.subject.saveExecution(record) }
                let query = ExecutionQuery(dataset: records[0].datasetRef, limit: 2)
                var seen: [String] = []
                var page = try await f.subject.executions(matching: query)
                while !page.isEmpty {
                    seen += page.map(\.id)
                    var next = query
                    next.after = page.last.map(ExecutionPosition.init)
                    next.after = next.after.flatMap { ExecutionPosition(token: $0.token) }
                    page = try await f.subject.executions(matching: next)
                    try ensure(seen.count <= 5, "paging does not end")
                }
                let expected = records.sorted { $0.startedAt != $1.startedAt ? $0.startedAt > $1.startedAt : $0.id > $1.id }.map(\.id)
                try ensureEqual(seen, expected, "pages of 2 by position, through the text token, cover every execution once in order")
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
}
