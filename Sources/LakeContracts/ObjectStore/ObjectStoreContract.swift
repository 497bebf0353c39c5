import Foundation
import LakeCore

/// The ``ObjectStore`` contract: atomic puts, validated keys (awkward ones included), byte-order
/// paginated listings by prefix, missing-object semantics, local files in and out.
///
/// Every key a check writes starts with `contract-<namespace>/`, so checks can share one store
/// (one bucket per zone on S3). Error codes the suite demands: `.notFound` from `get` and
/// `fetch` of a missing object.
public enum ObjectStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any ObjectStore>] {
        basicChecks() + listingChecks() + directoryChecks() + fileChecks()
    }

    typealias Check = ContractCheck<any ObjectStore>
    typealias Fixture = ContractFixture<any ObjectStore>

    /// Keys that break naive encodings: spaces, non-ASCII, emoji, URL-special characters,
    /// decomposed accents and deep paths.
    public static let awkwardKeys = [
        "my file.json", "你好/😊.json", "a+b=c&d.csv", "dir with space/x (1).json", "emoji 🎉/naïve café.txt",
        "percent%20literal.json", "quote'and\"double.json", "hash#and?question.json", "e\u{301}cole/decomposed.json",
        "deep/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p.json", "team/ds/year=2026/month=11/part-0000.parquet",
    ]

    static func basicChecks() -> [Check] {
        [
            Check("put-get-head-round-trip") { f in
                let location = try here(f, .raw, "team/ds/file.json")
                let data = Data("{\"a\": 1}\n".utf8)
                let put = try await f.subject.put(data, at: location)
                try ensureEqual(try await f.subject.get(location), data, "content read back")
                let head = try await f.subject.head(location)
                try ensureEqual(head?.size, Int64(data.count), "size from head")
                try ensureEqual(put.size, Int64(data.count), "size from put")
                try ensureEqual(head?.contentHash, put.contentHash, "hash from head and from put")
                try ensureEqual(head?.location, location, "location from head")
                try ensure(!(head?.contentHash ?? "").isEmpty, "empty content hash")
                if let head { try ensure(abs(head.modifiedAt.timeIntervalSince(put.modifiedAt)) < 2, "modifiedAt from head and from put differ") }
            },
            Check("equal-content-equal-hash") { f in
                let data = Data(repeating: 7, count: 10_000)
                let a = try await f.subject.put(data, at: try here(f, .stage, "x/a.bin"))
                let b = try await f.subject.put(data, at: try here(f, .stage, "y/b.bin"))
                var other = data
                other[5000] = 8
                let c = try await f.subject.put(other, at: try here(f, .stage, "z/c.bin"))
                try ensureEqual(a.contentHash, b.contentHash, "hash of equal content")
                try ensure(a.contentHash != c.contentHash, "different content gave the same hash")
            },
            Check("overwrite-replaces-the-whole-object") { f in
                let location = try here(f, .raw, "over.txt")
                try await f.subject.put(Data(repeating: 1, count: 5000), at: location)
                let small = Data("short".utf8)
                let info = try await f.subject.put(small, at: location)
                try ensureEqual(try await f.subject.get(location), small, "content after overwrite")
                try ensureEqual(try await f.subject.head(location)?.size, 5, "size after overwrite")
                try ensureEqual(try await f.subject.head(location)?.contentHash, info.contentHash, "hash after overwrite")
            },
            Check("missing-objects") { f in
                let location = try here(f, .analytics, "nothing/here.parquet")
                try ensure(try await f.subject.head(location) == nil, "head of a missing object must be nil")
                try await ensureThrows(.notFound, "get of a missing object") { try await f.subject.get(location) }
                try await ensureThrows(.notFound, "fetch of a missing object") { try await f.subject.fetch(location, into: f.scratch) }
                try await f.subject.delete(location)
            },
            Check("empty-object") { f in
                let location = try here(f, .raw, "empty.json")
                try await f.subject.put(Data(), at: location)
                try ensureEqual(try await f.subject.get(location), Data(), "content of an empty object")
                try ensureEqual(try await f.subject.head(location)?.size, 0, "size of an empty object")
            },
            Check("awkward-keys-round-trip") { f in
                var uris: Set<String> = []
                for (i, key) in awkwardKeys.enumerated() {
                    let location = try here(f, .raw, key)
                    let data = Data("content \(i)".utf8)
                    try await f.subject.put(data, at: location)
                    try ensureEqual(try await f.subject.get(location), data, "content of '\(key)'")
                    uris.insert(f.subject.uri(for: location))
                }
                try ensureEqual(uris.count, awkwardKeys.count, "distinct URIs for distinct keys")
                let listed = try await f.subject.listAll(zone: .raw, prefix: prefix(f)).map(\.location.key.rawValue)
                let expected = awkwardKeys.map { prefix(f) + $0 }.sorted(by: utf8Less)
                try ensureEqual(listed.map { Array($0.utf8) }, expected.map { Array($0.utf8) }, "awkward keys listed (bytes, in byte order)")
            },
            Check("zones-are-separate") { f in
                let raw = try here(f, .raw, "same/key.json")
                let stage = try here(f, .stage, "same/key.json")
                try await f.subject.put(Data("raw".utf8), at: raw)
                try await f.subject.put(Data("stage".utf8), at: stage)
                try ensureEqual(try await f.subject.get(raw), Data("raw".utf8), "raw content")
                try ensureEqual(try await f.subject.get(stage), Data("stage".utf8), "stage content")
                try ensure(f.subject.uri(for: raw) != f.subject.uri(for: stage), "the same key in two zones has one URI")
                try ensure(!f.subject.container(of: .raw).isEmpty, "empty container name")
                try await f.subject.delete(raw)
                try ensureEqual(try await f.subject.get(stage), Data("stage".utf8), "stage content after deleting raw")
            },
            Check("delete-removes-from-listing-and-allows-rewrite") { f in
                let deep = try here(f, .raw, "a/b/c/d.json")
                let sibling = try here(f, .raw, "a/e.json")
                try await f.subject.put(Data("d".utf8), at: deep)
                try await f.subject.put(Data("e".utf8), at: sibling)
                try await f.subject.delete(deep)
                try await f.subject.delete(deep)
                try ensure(try await f.subject.head(deep) == nil, "head after delete")
                let keys = try await f.subject.listAll(zone: .raw, prefix: prefix(f)).map(\.location)
                try ensureEqual(keys, [sibling], "listing after delete")
                try await f.subject.put(Data("again".utf8), at: deep)
                try ensureEqual(try await f.subject.get(deep), Data("again".utf8), "content written after delete")
            },
            Check("concurrent-overwrites-are-atomic") { f in
                let location = try here(f, .stage, "contended.bin")
                let a = Data(repeating: 0x61, count: 1 << 20)
                let b = Data(repeating: 0x62, count: (1 << 20) + 4096)
                try await f.subject.put(a, at: location)
                let store = f.subject
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<3 {
                        group.addTask {
                            for i in 0..<6 { try await store.put((i + writer) % 2 == 0 ? b : a, at: location) }
                        }
                    }
                    for _ in 0..<3 {
                        group.addTask {
                            for _ in 0..<8 {
                                let seen = try await store.get(location)
                                try ensure(seen == a || seen == b, "a reader saw a partial or mixed object of \(seen.count) bytes")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            },
        ]
    }

    /// `contract-<namespace>/`: the prefix of every key a check writes.
    static func prefix(_ f: Fixture) -> String { "contract-\(f.namespace)/" }

    /// A location under the check's prefix.
    static func here(_ f: Fixture, _ zone: Zone, _ key: String) throws -> ObjectLocation {
        ObjectLocation(zone, try ObjectKey(prefix(f) + key))
    }
}
