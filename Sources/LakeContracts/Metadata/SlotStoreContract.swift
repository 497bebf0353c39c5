import Foundation
import LakeCore

/// The contract of execution slots (`SlotStore`): starts limited per slot group and globally, atomic under concurrency.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum SlotStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any SlotStore>] {
        typealias Check = ContractCheck<any SlotStore>
        return [
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
            Check("start-execution-respects-global-limit", tags: [.readsGlobalTotals]) { f in
                let t0 = wholeSecond(f.time.now())
                let staleBefore = t0.addingTimeInterval(-60)
                let a = execution(f, "ga1", at: t0, stage: .b, slotGroup: "\(f.namespace)-pa")
                let b = execution(f, "gb1", at: t0, stage: .b, slotGroup: "\(f.namespace)-pb")
                let c = execution(f, "ga2", at: t0, stage: .b, slotGroup: "\(f.namespace)-pa")
                let running = try await f.subject.executions(matching: ExecutionQuery(status: .running, stage: .b))
                    .filter { $0.slotGroup != nil && $0.updatedAt >= staleBefore }.count
                let global = running + 2
                try ensure(try await f.subject.startExecution(a, slotLimit: 5, globalLimit: global, staleBefore: staleBefore), "first start refused")
                try ensure(try await f.subject.startExecution(b, slotLimit: 5, globalLimit: global, staleBefore: staleBefore), "second start (other pipeline) refused")
                try ensure(!(try await f.subject.startExecution(c, slotLimit: 5, globalLimit: global, staleBefore: staleBefore)), "a start beyond the global limit")
                try ensure(try await f.subject.execution(id: c.id) == nil, "a refused start wrote its record")
                try ensure(try await f.subject.startExecution(c, slotLimit: 5, globalLimit: nil, staleBefore: staleBefore), "without a global limit the pipeline limit applies")
            },
        ]
    }
}
