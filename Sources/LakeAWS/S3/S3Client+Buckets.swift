import Foundation
import LakeCore
import LakeSigV4

extension S3Client {
    /// Creates `bucket` in the transport's region. Idempotent: a bucket this account already
    /// owns is success (returns false); true when it was created. A name owned by someone else
    /// throws `.alreadyExists`. (HEAD comes first because S3 in us-east-1 answers 200 to
    /// re-creating one's own bucket.)
    @discardableResult
    public func createBucket(_ bucket: String) async throws -> Bool {
        do {
            if try await bucketExists(bucket) { return false }
        } catch let error as LakeError where error.httpStatus == 403 {
            throw LakeError(
                .alreadyExists, "the S3 bucket '\(bucket)' exists and these credentials cannot use it",
                hint: "set storage.bucket_prefix in lake.yaml to a prefix of your own, or check the IAM policy",
                context: ["bucket": bucket], underlying: error)
        }
        let region = transport.settings.region
        var body = Data()
        if region != "us-east-1" {
            var xml = XMLWriter()
            xml.open("CreateBucketConfiguration", xmlns: S3Client.namespace)
            xml.element("LocationConstraint", region)
            xml.close("CreateBucketConfiguration")
            body = Data(xml.text.utf8)
        }
        do {
            _ = try await transport.send(request("CreateBucket", "PUT", bucket: bucket, body: body))
            return true
        } catch let error as LakeError where error.awsCode == "BucketAlreadyOwnedByYou" {
            return false
        } catch let error as LakeError where error.awsCode == "BucketAlreadyExists" {
            throw LakeError(
                .alreadyExists, "the S3 bucket name '\(bucket)' is taken by another account",
                hint: "set storage.bucket_prefix in lake.yaml to a unique prefix", context: ["bucket": bucket],
                underlying: error)
        }
    }

    /// Whether `bucket` exists and is reachable with these credentials.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        do {
            _ = try await transport.send(request("HeadBucket", "HEAD", bucket: bucket))
            return true
        } catch let error as LakeError where error.httpStatus == 404 {
            return false
        }
    }

    /// Replaces the bucket's notification configuration with `queues` (an empty list clears it).
    public func putBucketNotifications(_ bucket: String, queues: [S3QueueNotification]) async throws {
        var xml = XMLWriter()
        xml.open("NotificationConfiguration", xmlns: S3Client.namespace)
        for queue in queues {
            xml.open("QueueConfiguration")
            xml.element("Id", queue.id)
            xml.element("Queue", queue.queueArn)
            for event in queue.events { xml.element("Event", event) }
            if queue.prefix != nil || queue.suffix != nil {
                xml.open("Filter")
                xml.open("S3Key")
                for (name, value) in [("prefix", queue.prefix), ("suffix", queue.suffix)] {
                    guard let value else { continue }
                    xml.open("FilterRule")
                    xml.element("Name", name)
                    xml.element("Value", value)
                    xml.close("FilterRule")
                }
                xml.close("S3Key")
                xml.close("Filter")
            }
            xml.close("QueueConfiguration")
        }
        xml.close("NotificationConfiguration")
        _ = try await transport.send(
            request(
                "PutBucketNotificationConfiguration", "PUT", bucket: bucket, query: [QueryItem("notification")],
                headers: [HeaderField("content-type", "application/xml")], body: Data(xml.text.utf8)))
    }

    /// The bucket's SQS notifications.
    public func bucketNotifications(_ bucket: String) async throws -> [S3QueueNotification] {
        let response = try await transport.send(
            request("GetBucketNotificationConfiguration", "GET", bucket: bucket, query: [QueryItem("notification")]))
        let root = try S3Client.xml(response, "GetBucketNotificationConfiguration")
        return root.children("QueueConfiguration").map { node in
            var prefix: String?
            var suffix: String?
            for rule in node.child("Filter")?.child("S3Key")?.children("FilterRule") ?? [] {
                switch rule.value("Name")?.lowercased() {
                case "prefix": prefix = rule.value("Value")
                case "suffix": suffix = rule.value("Value")
                default: break
                }
            }
            return S3QueueNotification(
                id: node.value("Id") ?? "", queueArn: node.value("Queue") ?? "",
                events: node.children("Event").map(\.text), prefix: prefix, suffix: suffix)
        }
    }
}
