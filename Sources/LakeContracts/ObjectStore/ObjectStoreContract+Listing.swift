import Foundation
import LakeCore

extension ObjectStoreContract {
    static func listingChecks() -> [Check] {
        [
            Check("list-is-in-byte-order") { f in
                let keys = ["a-c", "a/b", "a0", "b", "z", "é", "你好/😊.json", "_x", "~t", "a/b0", "a.b"]
                for key in keys { try await f.subject.put(Data(key.utf8), at: try here(f, .raw, key)) }
                let listed = try await f.subject.listAll(zone: .raw, prefix: prefix(f), pageSize: 4).map(\.location.key.rawValue)
                let expected = keys.map { prefix(f) + $0 }.sorted(by: utf8Less)
                try ensureEqual(listed, expected, "keys listed in byte order")
            },
            Check("list-prefix-may-end-mid-segment") { f in
                let keys = ["team/dataset/x.json", "team/datasets2/y.json", "team/da", "team/db/z.json", "team/d", "teams/da/w.json"]
                for key in keys { try await f.subject.put(Data(key.utf8), at: try here(f, .raw, key)) }
                let listed = try await f.subject.listAll(zone: .raw, prefix: prefix(f) + "team/da").map(\.location.key.rawValue)
                try ensureEqual(listed, ["team/da", "team/dataset/x.json", "team/datasets2/y.json"].map { prefix(f) + $0 }, "prefix team/da")
                let whole = try await f.subject.listAll(zone: .raw, prefix: prefix(f) + "team/").map(\.location.key.rawValue)
                try ensureEqual(whole.count, 5, "prefix team/")
                try ensureEqual(try await f.subject.listAll(zone: .raw, prefix: prefix(f) + "nope").count, 0, "prefix matching nothing")
            },
            Check("list-pagination-boundaries") { f in
                let keys = (0..<7).map { "k/\($0)" }
                for key in keys { try await f.subject.put(Data(key.utf8), at: try here(f, .raw, key)) }
                let expected = keys.map { prefix(f) + $0 }
                for limit in [1, 2, 3, 7, 8, 1000] {
                    var all: [String] = []
                    var token: String?
                    var pages = 0
                    repeat {
                        let page = try await f.subject.list(zone: .raw, prefix: prefix(f), after: token, limit: limit)
                        try ensure(page.objects.count <= limit, "a page of \(page.objects.count) objects with limit \(limit)")
                        try ensure(!page.objects.isEmpty || page.nextToken == nil, "an empty page with a next token (limit \(limit))")
                        all += page.objects.map(\.location.key.rawValue)
                        token = page.nextToken
                        pages += 1
                    } while token != nil && pages < 20
                    try ensureEqual(all, expected, "keys across pages of \(limit)")
                    try ensure(pages <= (7 + limit - 1) / limit + 1, "\(pages) pages for 7 keys with limit \(limit)")
                }
            },
        ]
    }

    static func fileChecks() -> [Check] {
        [
            Check("put-file-copies-or-consumes") { f in
                let data = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
                let source = f.scratch.appendingPathComponent("upload-\(f.namespace).bin")
                try data.write(to: source)
                let copied = try here(f, .raw, "copied.bin")
                let info = try await f.subject.putFile(source, at: copied, consume: false)
                try ensure(FileManager.default.fileExists(atPath: source.path), "putFile without consume removed the source")
                try ensureEqual(info.size, Int64(data.count), "size from putFile")
                try ensureEqual(try await f.subject.get(copied), data, "content stored by copy")
                let moved = try here(f, .raw, "moved.bin")
                let movedInfo = try await f.subject.putFile(source, at: moved, consume: true)
                try ensureEqual(try await f.subject.get(moved), data, "content stored by consume")
                try ensureEqual(movedInfo.contentHash, info.contentHash, "hash of the same content stored two ways")
                try ensureEqual(try await f.subject.head(moved)?.contentHash, info.contentHash, "hash from head after consume")
                try await ensureThrows(.notFound, "putFile of a missing file") {
                    try await f.subject.putFile(f.scratch.appendingPathComponent("missing-\(f.namespace)"), at: copied, consume: false)
                }
            },
            Check("fetch-gives-a-local-file-with-the-content") { f in
                let location = try here(f, .analytics, "t/part 0.parquet")
                let data = Data(repeating: 3, count: 70_000)
                try await f.subject.put(data, at: location)
                let local = try await f.subject.fetch(location, into: f.scratch)
                try ensureEqual(try Data(contentsOf: local), data, "content of the fetched file")
            },
        ]
    }
}
