import Foundation
import LakeCore

extension AWSBootstrap {
    /// Points a bucket's events at a queue: the queue policy lets S3 send from that bucket, and
    /// the bucket's notification with id `swiftlake-<queue>` is added or replaced (others kept).
    func notify(bucket: String, queue: QueueName, events: [String], prefix: String?) async throws -> AWSBootstrapOutcome {
        let sqs = lake.queues.client
        let s3 = lake.objects.client
        guard let url = try await sqs.queueURL(name: queue.rawValue) else {
            throw LakeError(
                .notFound, "queue \(queue) does not exist", hint: "create it before pointing bucket events at it",
                context: ["queue": queue.rawValue])
        }
        let attributes = try await sqs.queueAttributes(url: url, names: [SQSQueueAttribute.queueArn, SQSQueueAttribute.policy])
        guard let arn = attributes[SQSQueueAttribute.queueArn] else {
            throw LakeError(.queue, "SQS did not report the ARN of \(queue)", context: ["queue": queue.rawValue])
        }
        let policy = AWSBootstrap.queuePolicy(queueArn: arn, bucket: bucket)
        var changed = false
        if attributes[SQSQueueAttribute.policy].map(AWSBootstrap.normalizedJSON) != AWSBootstrap.normalizedJSON(policy) {
            try await sqs.setQueueAttributes(url: url, attributes: [SQSQueueAttribute.policy: policy])
            changed = true
        }
        let wanted = S3QueueNotification(id: "swiftlake-\(queue.rawValue)", queueArn: arn, events: events, prefix: prefix)
        let current = try await s3.bucketNotifications(bucket)
        if current.contains(wanted) { return changed ? .updated : .exists }
        let replaced = current.contains { $0.id == wanted.id }
        try await s3.putBucketNotifications(bucket, queues: current.filter { $0.id != wanted.id } + [wanted])
        return replaced ? .updated : .created
    }

    /// A queue policy letting S3 send messages from `bucket`'s events.
    static func queuePolicy(queueArn: String, bucket: String) -> String {
        let policy: [String: Any] = [
            "Version": "2012-10-17",
            "Statement": [
                [
                    "Sid": "swiftlake-s3-events", "Effect": "Allow", "Principal": ["Service": "s3.amazonaws.com"],
                    "Action": "sqs:SendMessage", "Resource": queueArn,
                    "Condition": ["ArnLike": ["aws:SourceArn": "arn:aws:s3:::\(bucket)"]],
                ] as [String: Any]
            ],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// JSON text re-serialised with sorted keys, to compare policies by content.
    static func normalizedJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
