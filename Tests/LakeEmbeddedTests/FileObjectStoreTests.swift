import Crypto
import Foundation
import LakeCore
import Testing

@testable import LakeEmbedded

@Suite struct FileObjectStoreTests {
    let directory: TemporaryDirectory
    let store: FileObjectStore

    init() throws {
        directory = try TemporaryDirectory("file-store")
        store = FileObjectStore(root: directory.file("lake"))
    }

    func location(_ key: String, _ zone: Zone = .raw) throws -> ObjectLocation { ObjectLocation(zone, try ObjectKey(key)) }

    func sha256(_ data: Data) -> String { ContentHash.hex(SHA256.hash(data: data)) }

    @Test func aCrashedWriteLeavesTheOldObjectAndIsNeverListed() async throws {
        let target = try location("team/ds/a.json")
        try await store.put(Data("old".utf8), at: target)
        // What a put that died before its rename leaves behind: a partial temporary file.
        let temp = directory.file("lake/.tmp/0000-crashed.tmp")
        try Data("new but half writ".utf8).write(to: temp)
        #expect(try await store.get(target) == Data("old".utf8))
        #expect(try await store.listAll(zone: .raw).map(\.location) == [target])
        for zone in Zone.allCases { #expect(try await store.listAll(zone: zone).allSatisfy { !$0.location.key.rawValue.contains(".tmp") }) }
        // Young temporary files may belong to a write in progress elsewhere; old ones are removed.
        #expect(try store.removeStaleTemporaryFiles() == 0)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: temp.path)
        #expect(try store.removeStaleTemporaryFiles() == 1)
        #expect(!FileManager.default.fileExists(atPath: temp.path))
    }

    @Test func layoutIsOneDirectoryPerZone() async throws {
        try await store.put(Data("x".utf8), at: try location("team/ds/file.json", .stage))
        let path = directory.file("lake/stage/team/ds/file.json").path
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store.container(of: .stage) == directory.file("lake/stage").standardizedFileURL.path)
        #expect(store.uri(for: try location("a/my file 你好.json")).hasPrefix("file:///"))
        #expect(store.uri(for: try location("a/my file.json")).hasSuffix("/raw/a/my%20file.json"))
        #expect(try await store.fetch(try location("team/ds/file.json", .stage), into: directory.url).path == path)
    }

    @Test func theHashIsStoredAtPutTimeAndRecomputedAfterAHandEdit() async throws {
        let target = try location("h/file.txt")
        let info = try await store.put(Data("hello".utf8), at: target)
        #expect(info.contentHash == sha256(Data("hello".utf8)))
        let path = store.path(of: target)
        let status = try #require(try POSIXFile.status(path))
        if ExtendedAttributes.get != nil {
            #expect(ContentHash.readAttribute(path: path, status: status) == info.contentHash)
        }
        // Someone edits the file in place: size and mtime change, the stored hash no longer applies.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" world".utf8))
        try handle.close()
        #expect(try await store.head(target)?.contentHash == sha256(Data("hello world".utf8)))
    }

    @Test func filesDroppedByHandGetAHash() async throws {
        let dir = directory.file("lake/raw/team/ds")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = Data(repeating: 42, count: 3_000_000)
        try data.write(to: dir.appendingPathComponent("dropped.bin"))
        let first = try await store.head(try location("team/ds/dropped.bin"))
        #expect(first?.contentHash == sha256(data))
        #expect(first?.size == 3_000_000)
        #expect(try await store.head(try location("team/ds/dropped.bin"))?.contentHash == sha256(data))
    }

    @Test func deleteRemovesDirectoriesItEmptiesButNotTheZone() async throws {
        try await store.put(Data("x".utf8), at: try location("a/b/c/d.json"))
        try await store.put(Data("y".utf8), at: try location("a/keep.json"))
        try await store.delete(try location("a/b/c/d.json"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("lake/raw/a/b").path))
        #expect(FileManager.default.fileExists(atPath: directory.file("lake/raw/a/keep.json").path))
        try await store.delete(try location("a/keep.json"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("lake/raw/a").path))
        #expect(FileManager.default.fileExists(atPath: directory.file("lake/raw").path))
    }

    @Test func aKeyCannotBeAnObjectAndAPrefix() async throws {
        try await store.put(Data("x".utf8), at: try location("p/q"))
        await #expect(throws: LakeError.self) { try await store.put(Data("y".utf8), at: try location("p/q/r")) }
        await #expect(throws: LakeError.self) { try await store.put(Data("y".utf8), at: try location("p")) }
        #expect(try await store.get(try location("p/q")) == Data("x".utf8))
        #expect(try await store.head(try location("p")) == nil)
    }

    @Test func overlongSegmentsFailWithAHint() async throws {
        let key = "a/" + String(repeating: "x", count: 300)
        do {
            try await store.put(Data("x".utf8), at: try location(key))
            Issue.record("expected an error")
        } catch let error as LakeError {
            #expect(error.hint?.contains("255") == true)
        }
    }

    @Test func namesThatAreNotKeysAreSkipped() async throws {
        let dir = directory.file("lake/raw/t")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("bad\nname.json"))
        try Data().write(to: dir.appendingPathComponent("good.json"))
        #expect(try await store.listAll(zone: .raw).map(\.location.key.rawValue) == ["t/good.json"])
    }

    @Test func consumingAFileMovesIt() async throws {
        let source = directory.file("upload.json")
        try Data("moved".utf8).write(to: source)
        let info = try await store.putFile(source, at: try location("m/upload.json"), consume: true)
        #expect(!FileManager.default.fileExists(atPath: source.path))
        #expect(info.contentHash == sha256(Data("moved".utf8)))
        #expect(try await store.head(try location("m/upload.json")) == info)
    }

    @Test func listingStartsAfterTheTokenAcrossDirectories() async throws {
        for key in ["x/1", "x/2/a", "x/2/b", "x/3", "y"] { try await store.put(Data(key.utf8), at: try location(key)) }
        let page = try await store.list(zone: .raw, prefix: "", after: "x/2/a", limit: 10)
        #expect(page.objects.map(\.location.key.rawValue) == ["x/2/b", "x/3", "y"])
        #expect(try await store.list(zone: .raw, prefix: "x/", after: "x/9", limit: 10).objects.isEmpty)
        await #expect(throws: LakeError.self) { try await store.list(zone: .raw, prefix: "", after: nil, limit: 0) }
    }
}
