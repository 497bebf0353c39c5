import Foundation
import LakeCore
import Testing

@testable import LakeEmbedded

@Suite struct RawDirectoryWatcherTests {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let objects: FileObjectStore
    let watcher: RawDirectoryWatcher

    init() throws {
        directory = try TemporaryDirectory("watcher")
        (clock, _) = manualTime()
        objects = FileObjectStore(root: directory.file("lake"))
        watcher = try RawDirectoryWatcher(objects: objects, ledger: directory.file("lake/state/watcher.sqlite"), clock: clock)
    }

    /// Writes a file into the raw zone by hand (not through the store).
    func drop(_ key: String, _ text: String) throws {
        let url = directory.file("lake/raw/" + key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Moves the clock past the settle time of files written so far.
    func settle() { clock.advance(to: Date().addingTimeInterval(2)) }

    func summary(_ changes: [RawChange]) -> [String] { changes.map { "\($0.kind.rawValue) \($0.location.key)" } }

    @Test func reportsCreatedModifiedAndDeletedFilesOnce() async throws {
        try drop("team/ds/a.json", "{}")
        try drop("team/ds/t/b.json", "{}")
        settle()
        let first = try await watcher.scan()
        #expect(summary(first) == ["created team/ds/a.json", "created team/ds/t/b.json"])
        #expect(first[0].info?.size == 2)
        #expect(try await watcher.scan().isEmpty)

        try drop("team/ds/a.json", "{\"x\": 1}")
        try FileManager.default.removeItem(at: directory.file("lake/raw/team/ds/t/b.json"))
        settle()
        let second = try await watcher.scan()
        #expect(summary(second) == ["modified team/ds/a.json", "deleted team/ds/t/b.json"])
        #expect(second[0].info?.size == 8)
        #expect(second[1].info == nil)
        #expect(try await watcher.scan().isEmpty)
    }

    @Test func waitsForFilesToSettle() async throws {
        try drop("team/ds/slow.json", "{")
        #expect(try await watcher.scan().isEmpty)
        settle()
        #expect(summary(try await watcher.scan()) == ["created team/ds/slow.json"])
        // Rewritten and still fresh (modified just now by the clock's reckoning): neither
        // modified nor deleted yet.
        try drop("team/ds/slow.json", "{}")
        try FileManager.default.setAttributes(
            [.modificationDate: clock.now().addingTimeInterval(-0.5)], ofItemAtPath: directory.file("lake/raw/team/ds/slow.json").path)
        #expect(try await watcher.scan().isEmpty)
        clock.advance(by: .seconds(1))
        #expect(summary(try await watcher.scan()) == ["modified team/ds/slow.json"])
    }

    @Test func ignoresTemporaryHiddenAndInvalidNames() async throws {
        for key in ["team/ds/.a.json.swp", "team/ds/b.json.part", "team/ds/c.json~", "team/.hidden/d.json", "team/ds/e.tmp", "team/ds/bad\u{1}name.json"] {
            try drop(key, "x")
        }
        try drop("team/ds/real.json", "x")
        try FileManager.default.createDirectory(at: directory.file("lake/.tmp"), withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: directory.file("lake/.tmp/put-in-progress.tmp"))
        settle()
        #expect(summary(try await watcher.scan()) == ["created team/ds/real.json"])
        #expect(watcher.isIgnored(name: "x.crdownload"))
    }

    @Test func objectsMarkedSeenAreNotReported() async throws {
        let info = try await objects.put(Data("{}".utf8), at: ObjectLocation(.raw, try ObjectKey("team/ds/ingested.json")))
        try await watcher.markSeen([info])
        try drop("team/ds/dropped.json", "{}")
        settle()
        #expect(summary(try await watcher.scan()) == ["created team/ds/dropped.json"])
        try await objects.delete(info.location)
        try await watcher.markDeleted([info.location])
        #expect(try await watcher.scan().isEmpty)
    }

    @Test func markSeenFromAnotherInstanceInvalidatesTheCache() async throws {
        try drop("team/ds/a.json", "{}")
        settle()
        #expect(try await watcher.scan().count == 1)
        // `lake ingest` in another process: its own watcher instance on the same ledger.
        let other = try RawDirectoryWatcher(objects: objects, ledger: directory.file("lake/state/watcher.sqlite"), clock: clock)
        let info = try await objects.put(Data("{}".utf8), at: ObjectLocation(.raw, try ObjectKey("team/ds/b.json")))
        try await other.markSeen([info])
        settle()
        #expect(try await watcher.scan().isEmpty)
    }

    @Test func aHandlerThatFailsGetsTheSameChangesAgain() async throws {
        struct Boom: Error {}
        try drop("team/ds/a.json", "{}")
        settle()
        await #expect(throws: Boom.self) { try await watcher.scan { _ in throw Boom() } }
        let handled = Locked<[String]>([])
        try await watcher.scan { changes in handled.withLock { $0 += changes.map(\.location.key.rawValue) } }
        #expect(handled.value == ["team/ds/a.json"])
        #expect(try await watcher.scan().isEmpty)
    }

    @Test func aScanThatDiesBeforeRecordingRepeatsItsEvents() async throws {
        try drop("team/ds/a.json", "{}")
        settle()
        // The first half of a scan, then a crash: nothing recorded.
        let (pending, _) = try await watcher.pendingChanges()
        #expect(pending.count == 1)
        let restarted = try RawDirectoryWatcher(objects: objects, ledger: directory.file("lake/state/watcher.sqlite"), clock: clock)
        #expect(summary(try await restarted.scan()) == ["created team/ds/a.json"])
    }

    @Test func aScanOfManyUnchangedFilesIsCheap() async throws {
        for i in 0..<2_000 { try drop("team/ds/t\(i % 20)/f\(i).json", "{}") }
        settle()
        #expect(try await watcher.scan().count == 2_000)
        let start = ContinuousClock.now
        #expect(try await watcher.scan().isEmpty)
        let elapsed = ContinuousClock.now - start
        // Informational only (machines are shared): one stat per file, the ledger from cache.
        print("watcher: rescan of 2,000 unchanged files took \(elapsed)")
    }
}
