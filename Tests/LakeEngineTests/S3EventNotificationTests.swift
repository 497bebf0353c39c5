import Foundation
import LakeCore
import LakeEmbedded
@testable import LakeEngine
import Testing

/// S3 event notifications on the catalog queue: decoding (samples shaped as the S3 user guide
/// shows them), mapping to raw keys for both bucket layouts, and the catalog step consuming
/// them on a lake whose store names objects `s3://...`.
@Suite struct S3EventNotificationTests {
    /// The user guide's example message, with a key holding a space, parentheses and UTF-8.
    static let put = """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2","eventTime":"2026-11-22T10:00:00.123Z",
        "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
        "requestParameters":{"sourceIPAddress":"127.0.0.1"},
        "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
        "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule",
        "bucket":{"name":"acme-lake-dev-raw","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::acme-lake-dev-raw"},
        "object":{"key":"sales/orders/orders/my+file+%281%29+%C3%A9t%C3%A9.json","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
        "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
        """

    /// The test message S3 sends when a notification is configured.
    static let testEvent = """
        {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2014-10-13T15:57:02.089Z","Bucket":"acme-lake-dev-raw",
        "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
        """

    /// Several records in one message: a delete, a put in another bucket, an artifact, a
    /// directory placeholder, a restore (not a landing event) and a lifecycle expiry.
    static func mixed(bucket: String, prefix: String) -> String {
        func record(_ event: String, _ bucket: String, _ key: String, size: Int? = nil) -> String {
            let object = size.map { #"{"key":"\#(key)","size":\#($0),"eTag":"abc","sequencer":"01"}"# } ?? #"{"key":"\#(key)","sequencer":"01"}"#
            return #"{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-22T10:00:01.000Z","eventName":"\#(event)","s3":{"bucket":{"name":"\#(bucket)"},"object":\#(object)}}"#
        }
        let records = [
            record("ObjectRemoved:Delete", bucket, "\(prefix)sales/orders/a.json"),
            record("ObjectCreated:Put", "someone-else", "\(prefix)sales/orders/b.json", size: 3),
            record("ObjectCreated:Put", bucket, "_artifacts/jobs/x.json", size: 3),
            record("ObjectCreated:Put", bucket, "\(prefix)sales/orders/", size: 0),
            record("ObjectRestore:Completed", bucket, "\(prefix)sales/orders/c.json", size: 3),
            record("LifecycleExpiration:Delete", bucket, "\(prefix)sales/orders/d.json"),
            record("ObjectCreated:CompleteMultipartUpload", bucket, "\(prefix)sales/orders/e.json", size: 9),
        ]
        return #"{"Records":[\#(records.joined(separator: ","))]}"#
    }

    static let queue = QueueName(sanitizing: "lake-dev-catalog")
    static let threeBuckets = RawZoneAddress(bucket: "acme-lake-dev-raw", keyPrefix: "", excludedPrefixes: ["_artifacts/"])
    static let oneBucket = RawZoneAddress(bucket: "acme-lake-dev-raw", keyPrefix: "raw/")

    @Test func aPutBecomesACreatedEventWithItsDecodedKey() throws {
        let notification = try JSONDecoder().decode(S3EventNotification.self, from: Data(Self.put.utf8))
        let events = notification.landingEvents(raw: Self.threeBuckets, now: Date(timeIntervalSince1970: 0))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.kind == .created)
        #expect(event.key == "sales/orders/orders/my file (1) été.json")
        #expect(event.size == 1024)
        #expect(event.contentHash == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(abs(event.at.timeIntervalSince1970 - 1_795_341_600.123) < 0.0005)
    }

    @Test func keysDecodePlusAsSpaceAndKeepEscapedPlus() {
        #expect(S3EventNotification.decodeKey("a+b%2Bc%2Fd") == "a b+c/d")
        #expect(S3EventNotification.decodeKey("%E4%BD%A0%E5%A5%BD/%F0%9F%98%8A.json") == "你好/😊.json")
        #expect(S3EventNotification.decodeKey("bad%zz") == nil)
    }

    @Test func onlyRawObjectsOfTheRawBucketCount() throws {
        let body = Self.mixed(bucket: "acme-lake-dev-raw", prefix: "")
        let events = try JSONDecoder().decode(S3EventNotification.self, from: Data(body.utf8))
            .landingEvents(raw: Self.threeBuckets, now: Date())
        #expect(events.map(\.kind) == [.removed, .removed, .created])
        #expect(events.map(\.key) == ["sales/orders/a.json", "sales/orders/d.json", "sales/orders/e.json"])
        #expect(events.last?.size == 9)
    }

    @Test func oneBucketKeysLoseTheirZonePrefix() throws {
        let body = Self.mixed(bucket: "acme-lake-dev-raw", prefix: "raw/")
        let events = try JSONDecoder().decode(S3EventNotification.self, from: Data(body.utf8))
            .landingEvents(raw: Self.oneBucket, now: Date())
        #expect(events.map(\.key) == ["sales/orders/a.json", "sales/orders/d.json", "sales/orders/e.json"])
        #expect(Self.oneBucket.rawKey(bucket: "acme-lake-dev-raw", key: "stage/sales/orders/a.json") == nil)
        #expect(Self.oneBucket.rawKey(bucket: "acme-lake-dev-raw", key: "raw/") == nil)
    }

    @Test func theTestEventAndSNSEnvelopesAreUnderstood() throws {
        #expect(try CatalogMessage.landingEvents(in: Self.testEvent, queue: Self.queue, raw: Self.threeBuckets, now: Date()).isEmpty)
        let wrapped = try String(
            decoding: JSONSerialization.data(withJSONObject: ["Type": "Notification", "MessageId": "m1", "Message": Self.put]), as: UTF8.self)
        let events = try CatalogMessage.landingEvents(in: wrapped, queue: Self.queue, raw: Self.threeBuckets, now: Date())
        #expect(events.map(\.key) == ["sales/orders/orders/my file (1) été.json"])
        // Without a raw address (the embedded store), S3 records are ignored, not errors.
        #expect(try CatalogMessage.landingEvents(in: Self.put, queue: Self.queue, raw: nil, now: Date()).isEmpty)
        #expect(throws: LakeError.self) {
            _ = try CatalogMessage.landingEvents(in: #"{"Records":[{"eventName":1}]}"#, queue: Self.queue, raw: Self.threeBuckets, now: Date())
        }
        #expect(throws: LakeError.self) {
            _ = try CatalogMessage.landingEvents(in: "not json", queue: Self.queue, raw: Self.threeBuckets, now: Date())
        }
    }

    @Test func theAddressIsReadFromTheStoresURIs() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        #expect(RawZoneAddress(objects: t.objects) == nil, "file:// stores get no S3 events")
        #expect(RawZoneAddress(objects: S3NamedStore(base: t.objects, buckets: 3)) == Self.threeBuckets)
        #expect(RawZoneAddress(objects: S3NamedStore(base: t.objects, buckets: 1)) == Self.oneBucket)
    }

    @Test func theCatalogStepTakesS3NotificationsEndToEnd() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        let store = S3NamedStore(base: t.objects, buckets: 1)
        let key = try ObjectKey("sales/orders/orders/my file (1).jsonl")
        try await t.objects.put(Data(jsonLines(3).utf8), at: ObjectLocation(.raw, key))
        let encodedKey = "raw/sales/orders/orders/my+file+%281%29.jsonl"
        let put = Self.put.replacingOccurrences(of: "sales/orders/orders/my+file+%281%29+%C3%A9t%C3%A9.json", with: encodedKey)
        t.tuning.idleWait = .milliseconds(10)
        var env = t.env
        env.objects = store
        let engine = LakeEngine(env: env)
        try await engine.prepare()
        let catalog = env.names.catalog
        try await t.queues.send([OutgoingMessage(body: Self.testEvent), OutgoingMessage(body: put)], to: catalog)
        _ = try await engine.runUntilIdle(timeout: .seconds(60))
        let uri = store.uri(for: ObjectLocation(.raw, key))
        #expect(uri == "s3://acme-lake-dev-raw/raw/sales/orders/orders/my file (1).jsonl")
        #expect(try await t.metadata.object(id: uri) != nil)
        let executions = try await t.executions()
        #expect(executions.filter { $0.stage == .a }.map(\.inputKeys) == [[key.rawValue]])
        #expect(executions.allSatisfy { $0.status == .completed }, "\(executions.map(\.error))")
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 3)

        try await t.objects.delete(ObjectLocation(.raw, key))
        let removed = put.replacingOccurrences(of: "ObjectCreated:Put", with: "ObjectRemoved:Delete")
        try await t.queues.send([OutgoingMessage(body: removed)], to: catalog)
        _ = try await engine.runUntilIdle(timeout: .seconds(60))
        #expect(try await t.metadata.object(id: uri) == nil)
        #expect(try await t.pendingMessages() == 0)
        #expect(try await t.deadLetters(env.names.routingDeadLetter) == 0)
    }
}

/// An embedded store that names its objects as S3 does (`s3://acme-lake-dev-raw/...`), with
/// one bucket holding `raw/`, `stage/`... or three buckets with artifacts under `_artifacts/`.
struct S3NamedStore: ObjectStore {
    let base: any ObjectStore
    let buckets: Int

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
    func uri(for location: ObjectLocation) -> String {
        let prefix: String
        if buckets == 1 {
            prefix = "\(location.zone.rawValue)/"
        } else {
            prefix = location.zone == .artifacts ? "_artifacts/" : ""
        }
        return "s3://\(container(of: location.zone))/\(prefix)\(location.key.rawValue)"
    }
    func container(of zone: Zone) -> String {
        guard buckets == 3 else { return "acme-lake-dev-raw" }
        switch zone {
        case .raw, .artifacts: return "acme-lake-dev-raw"
        case .stage: return "acme-lake-dev-stage"
        case .analytics: return "acme-lake-dev-analytics"
        }
    }
}
