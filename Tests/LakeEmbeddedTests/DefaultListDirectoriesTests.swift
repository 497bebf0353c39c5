import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

/// The ObjectStore contract against the port's default `listDirectories` (derived from
/// `listAll`), which adapters without a native delimited listing inherit; and the fast
/// FileObjectStore override compared with it on a larger tree.
@Suite struct DefaultListDirectoriesTests {
    /// Forwards everything to a FileObjectStore except `listDirectories`, which stays the default.
    struct PlainStore: ObjectStore {
        let base: FileObjectStore
        func put(_ data: Data, at location: ObjectLocation) async throws -> ObjectInfo { try await base.put(data, at: location) }
        func putFile(_ file: URL, at location: ObjectLocation, consume: Bool) async throws -> ObjectInfo {
            try await base.putFile(file, at: location, consume: consume)
        }
        func get(_ location: ObjectLocation) async throws -> Data { try await base.get(location) }
        func fetch(_ location: ObjectLocation, into directory: URL) async throws -> URL { try await base.fetch(location, into: directory) }
        func head(_ location: ObjectLocation) async throws -> ObjectInfo? { try await base.head(location) }
        func list(zone: Zone, prefix: String, after token: String?, limit: Int) async throws -> ObjectPage {
            try await base.list(zone: zone, prefix: prefix, after: token, limit: limit)
        }
        func delete(_ location: ObjectLocation) async throws { try await base.delete(location) }
        func uri(for location: ObjectLocation) -> String { base.uri(for: location) }
        func container(of zone: Zone) -> String { base.container(of: zone) }
    }

    @Test(arguments: ObjectStoreContract.checks().map(\.name))
    func contractWithTheDefaultImplementation(_ name: String) async throws {
        let check = try #require(ObjectStoreContract.checks().named(name))
        let directory = try TemporaryDirectory("objects-default")
        let scratch = directory.file("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let (_, time) = manualTime()
        let store = PlainStore(base: FileObjectStore(root: directory.file("lake")))
        try await check(ContractFixture<any ObjectStore>(subject: store, time: time, scratch: scratch))
    }

    @Test func readdirAndTheDefaultAgreeAndEmptyDirectoriesDoNotCount() async throws {
        let directory = try TemporaryDirectory("objects-dirs")
        let store = FileObjectStore(root: directory.file("lake"))
        for i in 0..<300 {
            let key = "t/d/tbl/dt=2026-\(i % 12 + 1)-\(i % 28 + 1)/part=\(i % 3)/f\(i).json"
            try await store.put(Data("{}".utf8), at: ObjectLocation(.raw, try ObjectKey(key)))
        }
        // A directory made by hand with nothing in it, and one holding only an empty directory.
        try FileManager.default.createDirectory(at: directory.file("lake/raw/t/d/tbl/dt=empty/inner"), withIntermediateDirectories: true)
        let plain = PlainStore(base: store)
        for prefix in ["", "t/", "t/d/tbl/", "t/d/tbl/dt=2026-1-1/", "t/d/nothing/"] {
            let fast = try await store.listDirectories(zone: .raw, prefix: prefix)
            let slow = try await plain.listDirectories(zone: .raw, prefix: prefix)
            #expect(fast == slow, "prefix \(prefix)")
        }
        #expect(try await store.listDirectories(zone: .raw, prefix: "t/d/tbl/").contains("t/d/tbl/dt=empty/") == false)
        await #expect(throws: LakeError.self) { try await store.listDirectories(zone: .raw, prefix: "t/../x/") }
    }
}
