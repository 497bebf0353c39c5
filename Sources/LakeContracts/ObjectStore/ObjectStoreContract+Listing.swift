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
            Check("put-files-stores-a-batch-with-one-result-per-file") { f in
                // Moved (consume) and copied: the embedded store takes different paths for each.
                for consume in [true, false] {
                    let mode = consume ? "moved" : "copied"
                    var files: [(file: URL, location: ObjectLocation)] = []
                    for i in 0..<20 {
                        let source = f.scratch.appendingPathComponent("batch-\(mode)-\(f.namespace)-\(i).json")
                        try Data("{\"i\": \(i)}\n".utf8).write(to: source)
                        // Two new directories, and more files than the default does at once.
                        files.append((source, try here(f, .stage, "batch-\(mode)/\(i % 2 == 0 ? "even" : "odd")/f\(i).json")))
                    }
                    let missing = f.scratch.appendingPathComponent("batch-\(mode)-missing-\(f.namespace)")
                    files.insert((missing, try here(f, .stage, "batch-\(mode)/missing.json")), at: 7)
                    let results = try await f.subject.putFiles(files, consume: consume)
                    try ensureEqual(results.count, files.count, "one result per file (\(mode))")
                    for (index, (result, file)) in zip(results, files).enumerated() {
                        switch result {
                        case .success(let info):
                            try ensure(index != 7, "the missing file was stored (\(mode))")
                            try ensureEqual(info.location, file.location, "results in the order given (\(mode))")
                            let content = Data("{\"i\": \(index < 7 ? index : index - 1)}\n".utf8)
                            try ensureEqual(try await f.subject.get(file.location), content, "content of \(file.location)")
                            try ensureEqual(info.size, Int64(content.count), "size of \(file.location)")
                            try ensureEqual(try await f.subject.head(file.location)?.contentHash, info.contentHash, "hash of \(file.location)")
                            try ensure(FileManager.default.fileExists(atPath: file.file.path) != consume,
                                       consume ? "a consumed file is left behind" : "a copied file's source is gone")
                        case .failure(let error):
                            try ensure(index == 7, "file \(index) failed (\(mode)): \(error)")
                            try ensureEqual((error as? LakeError)?.code, .notFound, "error of a missing file (\(mode))")
                        }
                    }
                    try ensure(try await f.subject.head(try here(f, .stage, "batch-\(mode)/missing.json")) == nil, "nothing stored for the missing file")
                }
                try ensureEqual(try await f.subject.putFiles([], consume: false).count, 0, "an empty batch")
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
