import AsyncHTTPClient
import Crypto
import Foundation
import LakeAWS
import LakeCore
import LakeSigV4
import Testing

/// Every S3 call of the client against moto.
@Suite struct S3ClientTests {
    static let awkwardKeys = [
        "plain/file.json", "with space/a b.csv", "unicode/你好/😊.txt", "plus+and=equals/x+y.txt",
        "percent%20literal/p%2Fq.bin", "dots/./not-normalised/../kept.txt", "tilde~/$dollar&amp.txt",
    ]

    @Test func bucketCreationIsIdempotent() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("idem")
            #expect(try await s3.bucketExists(bucket) == false)
            #expect(try await s3.createBucket(bucket) == true)
            #expect(try await s3.createBucket(bucket) == false)
            #expect(try await s3.bucketExists(bucket))
        }
    }

    @Test func bucketOutsideUSEast1() async throws {
        try await Moto.withTransport(region: "eu-west-1") { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("eu")
            #expect(try await s3.createBucket(bucket))
            try await s3.putObject(bucket: bucket, key: "k", data: Data("x".utf8))
            #expect(try await s3.getObject(bucket: bucket, key: "k").0 == Data("x".utf8))
        }
    }

    @Test func objectRoundTripWithAwkwardKeys() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("keys")
            try await s3.createBucket(bucket)
            for key in Self.awkwardKeys {
                let data = Data("content of \(key)".utf8)
                let written = try await s3.putObject(bucket: bucket, key: key, data: data, contentType: "text/plain", metadata: ["origin": "test"])
                let eTag = written.eTag
                #expect(eTag == Hex.encode(Insecure.MD5.hash(data: data)), "ETag of \(key)")
                let (read, head) = try await s3.getObject(bucket: bucket, key: key)
                #expect(read == data, "content of \(key)")
                #expect(head.eTag == eTag)
                let metadata = try #require(try await s3.headObject(bucket: bucket, key: key))
                #expect(metadata.size == Int64(data.count))
                #expect(metadata.contentType == "text/plain")
                #expect(metadata.metadata["origin"] == "test")
                #expect(abs(metadata.lastModified.timeIntervalSinceNow) < 600)
                // The put's server Date is S3's clock at the stamp, whole seconds both.
                let serverDate = try #require(written.serverDate, "the PUT answer has a Date header")
                #expect(abs(serverDate.timeIntervalSince(metadata.lastModified)) <= 1)
            }
            let listed = try await s3.listAllObjects(bucket: bucket).map(\.key)
            #expect(listed == Self.awkwardKeys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        }
    }

    @Test func rangedGetHeadOfMissingAndErrors() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("range")
            try await s3.createBucket(bucket)
            try await s3.putObject(bucket: bucket, key: "digits", data: Data("0123456789".utf8))
            let (part, head) = try await s3.getObject(bucket: bucket, key: "digits", range: 2...5)
            #expect(String(decoding: part, as: UTF8.self) == "2345")
            #expect(head.size == 10)
            #expect(try await s3.headObject(bucket: bucket, key: "missing") == nil)
            let error = try await #require(throws: LakeError.self) {
                _ = try await s3.getObject(bucket: bucket, key: "missing")
            }
            #expect(error.code == .remote)
            #expect(error.awsCode == "NoSuchKey")
            #expect(error.httpStatus == 404)
            #expect(error.context["service"] == "s3")
            #expect(error.context["operation"] == "GetObject")
            #expect(error.context["requestId"] != nil)
            #expect(!error.description.contains("testing-secret"))
            try await s3.deleteObject(bucket: bucket, key: "missing")
        }
    }

    @Test func listingPaginatesWithPrefixAndStartAfter() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("list")
            try await s3.createBucket(bucket)
            let keys = (0..<7).map { String(format: "a/%02d.json", $0) } + ["b/x.json"]
            for key in keys { try await s3.putObject(bucket: bucket, key: key, data: Data(key.utf8)) }
            var seen: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await s3.listObjects(bucket: bucket, prefix: "a/", continuationToken: token, maxKeys: 3)
                #expect(page.objects.count <= 3)
                seen += page.objects.map(\.key)
                token = page.nextContinuationToken
                pages += 1
            } while token != nil
            #expect(pages == 3)
            #expect(seen == Array(keys.prefix(7)))
            let after = try await s3.listObjects(bucket: bucket, startAfter: "a/05.json")
            #expect(after.objects.map(\.key) == ["a/06.json", "b/x.json"])
            let folders = try await s3.listObjects(bucket: bucket, delimiter: "/")
            #expect(folders.commonPrefixes == ["a/", "b/"])
        }
    }

    @Test func deleteManyAndCopy() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("del")
            try await s3.createBucket(bucket)
            let keys = (0..<25).map { "batch/\($0) & <xml>.txt" }
            for key in keys { try await s3.putObject(bucket: bucket, key: key, data: Data("v".utf8)) }
            let copied = try await s3.copyObject(fromBucket: bucket, fromKey: keys[0], toBucket: bucket, toKey: "copy/of first.txt")
            #expect(copied == Hex.encode(Insecure.MD5.hash(data: Data("v".utf8))))
            #expect(try await s3.deleteObjects(bucket: bucket, keys: keys).isEmpty)
            #expect(try await s3.listAllObjects(bucket: bucket).map(\.key) == ["copy/of first.txt"])
        }
    }

    @Test func multipartUploadAndStreamingDownload() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport, multipartThreshold: 5 << 20, partSize: 5 << 20)
            let bucket = Moto.unique("multi")
            try await s3.createBucket(bucket)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(Moto.unique("mp"))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var bytes = [UInt8](repeating: 0, count: 11 << 20)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 12) }
            let source = directory.appendingPathComponent("source.bin")
            try Data(bytes).write(to: source)
            let eTag = try await s3.putObject(bucket: bucket, key: "big/file.bin", file: source, encryption: .kms(keyId: nil)).eTag
            #expect(eTag.hasSuffix("-3"), "11 MiB in 5 MiB parts is three parts: \(eTag)")
            let fromData = try await s3.putObject(bucket: bucket, key: "big/from-data.bin", data: Data(bytes)).eTag
            #expect(fromData == eTag, "a file and the same bytes in memory are split alike, so their ETags match")
            let target = directory.appendingPathComponent("copy.bin")
            let head = try await s3.downloadObject(bucket: bucket, key: "big/file.bin", to: target)
            #expect(head.size == Int64(bytes.count))
            #expect(try Data(contentsOf: target) == Data(bytes))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(leftovers == ["copy.bin", "source.bin"], "no partial download files remain")
        }
    }

    @Test func serverSideEncryptionHeadersAreSent() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("sse")
            try await s3.createBucket(bucket)
            try await s3.putObject(bucket: bucket, key: "secret.txt", data: Data("x".utf8), encryption: .kms(keyId: "alias/lake"))
            let head = try #require(try await s3.headObject(bucket: bucket, key: "secret.txt"))
            #expect(head.serverSideEncryption == "aws:kms")
        }
    }

    @Test func presignedURLWorks() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let bucket = Moto.unique("presign")
            try await s3.createBucket(bucket)
            try await s3.putObject(bucket: bucket, key: "shared/report 1.csv", data: Data("a,b\n".utf8))
            let url = try await s3.presignedURL(bucket: bucket, key: "shared/report 1.csv", expires: .seconds(300))
            #expect(url.contains("X-Amz-Signature="))
            #expect(url.contains("X-Amz-Security-Token=testing-token"))
            // The transport's own request timeout: the shared moto server may be busy with other suites.
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 1 << 20)
            #expect(response.status.code == 200)
            #expect(String(buffer: body) == "a,b\n")
        }
    }

    @Test func bucketNotificationsToSQS() async throws {
        try await Moto.withTransport { transport async throws in
            let s3 = S3Client(transport: transport)
            let sqs = SQSClient(transport: transport)
            let bucket = Moto.unique("notify")
            try await s3.createBucket(bucket)
            let queueURL = try await sqs.createQueue(name: Moto.unique("events"))
            let arn = try #require(try await sqs.queueAttributes(url: queueURL)[SQSQueueAttribute.queueArn])
            let wanted = [
                S3QueueNotification(
                    id: "lake-raw", queueArn: arn, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], prefix: "team/")
            ]
            try await s3.putBucketNotifications(bucket, queues: wanted)
            #expect(try await s3.bucketNotifications(bucket) == wanted)
            try await s3.putObject(bucket: bucket, key: "team/ds/file.json", data: Data("{}".utf8))
            var bodies: [String] = []
            // Event keys are URL-encoded, as S3 sends them.
            func delivered() -> Bool { bodies.contains { URIEncoding.decode($0).contains("team/ds/file.json") } }
            for _ in 0..<20 where !delivered() {
                bodies += try await sqs.receiveMessages(url: queueURL).map(\.body)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(delivered(), "moto delivers the ObjectCreated event to the queue: \(bodies)")
        }
    }
}
