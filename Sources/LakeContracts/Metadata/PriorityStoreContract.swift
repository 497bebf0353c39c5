import Foundation
import LakeCore

/// The contract of WLM priorities (`PriorityStore`): upserts, listing and deletes.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum PriorityStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any PriorityStore>] {
        typealias Check = ContractCheck<any PriorityStore>
        return [
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
        ]
    }
}
