import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The ObjectStore contract against S3ObjectStore on moto, in both bucket layouts.
@Suite struct S3ObjectStoreContractTests {
    /// One set of buckets per layout for the whole test process; checks write under their own prefix.
    actor Buckets {
        static let shared = Buckets()
        private var created: [Int: S3ZoneLayout] = [:]
        func layout(_ count: Int, using store: S3ObjectStore) async throws -> S3ZoneLayout {
            if let layout = created[count] { return layout }
            _ = try await store.createBuckets()
            created[count] = store.layout
            return store.layout
        }
        let prefixes = [1: Moto.unique("lake1"), 3: Moto.unique("lake3")]
    }

    static func run(_ name: String, buckets: Int) async throws {
        let check = try #require(ObjectStoreContract.checks().named(name))
        try await Moto.withTransport { transport async throws in
            let layout = try S3ZoneLayout(bucketPrefix: Buckets.shared.prefixes[buckets] ?? "x", bucketCount: buckets)
            let store = S3ObjectStore(
                client: S3Client(transport: transport, multipartThreshold: 5 << 20, partSize: 5 << 20), layout: layout)
            _ = try await Buckets.shared.layout(buckets, using: store)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(Moto.unique("s3-contract"))
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            try await check(ContractFixture<any ObjectStore>(subject: store, time: RealTimeControl(), scratch: scratch))
        }
    }

    @Test(arguments: ObjectStoreContract.checks().map(\.name))
    func threeBuckets(_ name: String) async throws { try await Self.run(name, buckets: 3) }

    @Test(arguments: ObjectStoreContract.checks().map(\.name))
    func oneBucket(_ name: String) async throws { try await Self.run(name, buckets: 1) }

    @Test func artifactsStayOutOfRawListings() async throws {
        try await Moto.withTransport { transport async throws in
            let layout = try S3ZoneLayout(bucketPrefix: Moto.unique("art"), bucketCount: 3)
            let store = S3ObjectStore(client: S3Client(transport: transport), layout: layout)
            #expect(try await store.createBuckets().count == 3)
            #expect(try await store.createBuckets().isEmpty)
            for key in ["a/x.json", "zz/y.json", "Z/upper.json", "_a/under.json", "_b/under.json"] {
                try await store.put(Data(key.utf8), at: ObjectLocation(.raw, try ObjectKey(key)))
            }
            for index in 0..<5 {
                try await store.put(Data("code".utf8), at: ObjectLocation(.artifacts, try ObjectKey("code/\(index).py")))
            }
            var keys: [String] = []
            var token: String?
            repeat {
                let page = try await store.list(zone: .raw, prefix: "", after: token, limit: 2)
                #expect(!page.objects.isEmpty || page.nextToken == nil)
                keys += page.objects.map(\.location.key.rawValue)
                token = page.nextToken
            } while token != nil
            #expect(keys == ["Z/upper.json", "_a/under.json", "_b/under.json", "a/x.json", "zz/y.json"])
            #expect(try await store.listAll(zone: .artifacts).count == 5)
            #expect(store.uri(for: ObjectLocation(.artifacts, try ObjectKey("code/0.py"))) == "s3://\(layout.bucket(for: .raw))/_artifacts/code/0.py")
            await #expect(throws: LakeError.self) {
                try await store.put(Data(), at: ObjectLocation(.raw, try ObjectKey("_artifacts/sneaky.py")))
            }
        }
    }
}
