import Foundation
import LakeCore

extension MetadataStoreContract {
    /// Workload management: priority rows (`octagon-wlm`) and the global slot cap.
    static func wlmChecks() -> [Check] {
        [
            Check("priorities-upsert-list-and-delete") { f in
                let t0 = wholeSecond(f.time.now())
                let team = "t" + f.namespace
                let rows = [
                    TablePriority(team: team, dataset: "ds", table: "regions", level: "LOW", source: .import, updatedAt: t0),
                    TablePriority(team: team, dataset: "ds", table: "orders", level: "HIGH", source: .config, updatedAt: t0),
                ]
                try await f.subject.setPriorities(rows)
                try await f.subject.setPriorities(rows)
                var mine = try await f.subject.priorities().filter { $0.team == team }.sorted { $0.id < $1.id }
                try ensureEqual(mine.map(\.id), ["\(team)-ds-orders", "\(team)-ds-regions"], "priority ids")
                try ensureEqual(mine.map(\.level), ["HIGH", "LOW"], "levels")
                try ensureEqual(mine.map(\.source), [.config, .import], "sources")
                var changed = rows[1]
                changed.level = "LOW"
                changed.source = .cli
                try await f.subject.setPriorities([changed])
                try await f.subject.deletePriority(id: rows[0].id)
                try await f.subject.deletePriority(id: rows[0].id)
                mine = try await f.subject.priorities().filter { $0.team == team }
                try ensureEqual(mine.map(\.id), ["\(team)-ds-orders"], "after delete")
                try ensureEqual(mine.first?.level, "LOW", "level after update")
                try ensureEqual(mine.first?.source, .cli, "source after update")
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
