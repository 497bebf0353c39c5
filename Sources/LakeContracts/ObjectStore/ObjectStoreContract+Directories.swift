import Foundation
import LakeCore

extension ObjectStoreContract {
    /// `listDirectories`: the child prefixes holding at least one object, in byte order.
    static func directoryChecks() -> [Check] {
        [
            Check("list-directories-gives-child-prefixes-in-byte-order") { f in
                let keys = [
                    "t/dt=2026-11-20/a.json", "t/dt=2026-11-21/b.json", "t/dt=2026-11-21/c.json", "t/dt=2026-11-22/x/y.json",
                    "t/foo/z.json", "t/root.json", "t/a-b/q.json", "t/你好/😊.json", "t/dir with space/x.json", "u/other.json",
                ]
                for key in keys { try await f.subject.put(Data(key.utf8), at: try here(f, .raw, key)) }
                let p = prefix(f)
                let children = ["a-b/", "dir with space/", "dt=2026-11-20/", "dt=2026-11-21/", "dt=2026-11-22/", "foo/", "你好/"]
                try ensureEqual(
                    try await f.subject.listDirectories(zone: .raw, prefix: p + "t/"), children.map { p + "t/" + $0 }.sorted(by: utf8Less),
                    "child directories of t/")
                try ensureEqual(try await f.subject.listDirectories(zone: .raw, prefix: p), [p + "t/", p + "u/"], "child directories of the check's prefix")
                try ensureEqual(try await f.subject.listDirectories(zone: .raw, prefix: p + "t/dt=2026-11-22/"), [p + "t/dt=2026-11-22/x/"], "a nested directory")
                try ensureEqual(try await f.subject.listDirectories(zone: .raw, prefix: p + "t/foo/"), [], "a directory holding only objects")
                try ensureEqual(try await f.subject.listDirectories(zone: .raw, prefix: p + "nothing/"), [], "a prefix with nothing below")
                try ensureEqual(try await f.subject.listDirectories(zone: .stage, prefix: p + "t/"), [], "another zone")
                try await f.subject.delete(try here(f, .raw, "t/foo/z.json"))
                try ensure(
                    !(try await f.subject.listDirectories(zone: .raw, prefix: p + "t/")).contains(p + "t/foo/"),
                    "a directory whose last object was deleted is still listed")
                try await ensureThrows(.usage, "listDirectories with a prefix not ending in '/'") {
                    _ = try await f.subject.listDirectories(zone: .raw, prefix: p + "t")
                }
            },
        ]
    }
}
