import Foundation
import LakeCore

/// The contract of events (`EventStore`): upserts by id, newest first, by kind.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum EventStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any EventStore>] {
        typealias Check = ContractCheck<any EventStore>
        return [
            Check("events-newest-first-by-kind") { f in
                let t0 = wholeSecond(f.time.now())
                let kind = "contract.\(f.namespace)"
                let events = (0..<3).map {
                    EventRecord(id: "\(f.namespace)-e\($0)", at: t0.addingTimeInterval(Double($0)), kind: kind, message: "event \($0)", details: ["n": "\($0)"])
                }
                for event in events { try await f.subject.recordEvent(event) }
                try await f.subject.recordEvent(events[0])
                let newest = try await f.subject.events(kind: kind, limit: 2)
                try ensureEqual(newest.map(\.id), [events[2].id, events[1].id], "newest two events of the kind")
                try ensureEqual(newest.first?.details, ["n": "2"], "event details")
                try ensureEqual(try await f.subject.events(kind: kind, limit: 10).count, 3, "events after recording one twice")
                try ensureEqual(try await f.subject.events(kind: "\(kind).none", limit: 10).count, 0, "events of another kind")
            },
        ]
    }
}
