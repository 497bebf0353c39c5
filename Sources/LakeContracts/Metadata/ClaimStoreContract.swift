import Foundation
import LakeCore

/// The contract of stage-B key claims (`ClaimStore`): one owner per key, also under concurrency.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum ClaimStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any ClaimStore>] {
        typealias Check = ContractCheck<any ClaimStore>
        return [
            Check("claims-give-each-key-one-owner") { f in
                let t0 = wholeSecond(f.time.now())
                let keys = (0..<5).map { "\(f.namespace)/k\($0).json" }
                let (e1, e2) = ("\(f.namespace)-e1", "\(f.namespace)-e2")
                try ensureEqual(try await f.subject.claim(keys: Array(keys.prefix(3)), by: e1, at: t0), [:], "first claim")
                try ensureEqual(try await f.subject.claim(keys: Array(keys.prefix(3)), by: e1, at: t0), [:], "claiming again by the same execution")
                let conflicts = try await f.subject.claim(keys: keys, by: e2, at: t0)
                try ensureEqual(conflicts, Dictionary(uniqueKeysWithValues: keys.prefix(3).map { ($0, e1) }), "keys held by another execution")
                let owners = try await f.subject.claimOwners(keys: keys + ["\(f.namespace)/unclaimed"])
                var expected = Dictionary(uniqueKeysWithValues: keys.prefix(3).map { ($0, e1) })
                for key in keys.suffix(2) { expected[key] = e2 }
                try ensureEqual(owners, expected, "owners")
                try await f.subject.releaseClaims(of: e1)
                try ensureEqual(try await f.subject.claim(keys: keys, by: e2, at: t0), [:], "claiming released keys")
                try ensureEqual(Set(try await f.subject.claimOwners(keys: keys).values), [e2], "owners after release and claim")
            },
            Check("concurrent-claims-never-share-a-key", tags: [.concurrent]) { f in
                let t0 = wholeSecond(f.time.now())
                let keys = (0..<30).map { "\(f.namespace)/c\($0)" }
                let instances = f.instances
                let results = try await withThrowingTaskGroup(of: (String, Set<String>).self) { tasks in
                    for i in 0..<8 {
                        let store = instances[i % instances.count]
                        let execution = "\(f.namespace)-x\(i)"
                        let mine = i % 2 == 0 ? keys : keys.reversed()
                        tasks.addTask {
                            let taken = try await store.claim(keys: mine, by: execution, at: t0)
                            return (execution, Set(keys).subtracting(taken.keys))
                        }
                    }
                    var all: [(String, Set<String>)] = []
                    for try await result in tasks { all.append(result) }
                    return all
                }
                var owned: [String: String] = [:]
                for (execution, keysWon) in results {
                    for key in keysWon {
                        try ensure(owned[key] == nil, "key \(key) won by both \(owned[key] ?? "?") and \(execution)")
                        owned[key] = execution
                    }
                }
                try ensureEqual(Set(owned.keys), Set(keys), "keys won")
                try ensureEqual(try await f.subject.claimOwners(keys: keys), owned, "stored owners match what claim returned")
            },
        ]
    }
}
