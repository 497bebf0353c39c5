import Foundation
import LakeCore

extension AWSBootstrap {
    /// The `Sid` of the queue-policy statement that lets S3 send the events of SwiftLake's
    /// buckets (the raw bucket and tenants' landing buckets) to a queue.
    static let s3EventsStatementId = "swiftlake-s3-events"

    /// Points a bucket's events at a queue: the queue policy lets S3 send from that bucket (the
    /// buckets it already allowed are kept), and the bucket's notification with id
    /// `swiftlake-<queue>` is added or replaced (others kept).
    func notify(bucket: String, queue: QueueName, events: [String], prefix: String?) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        let (url, arn) = try await queueTarget(queue)
        let changed = try await updateQueuePolicy(url: url, queueArn: arn, adding: bucket, removing: nil)
        let wanted = S3QueueNotification(id: Self.notificationId(queue), queueArn: arn, events: events, prefix: prefix)
        let current = try await s3.bucketNotifications(bucket)
        // Configurations of other ids that already send these events (CloudFormation's) count:
        // adding ours beside them would overlap, which S3 refuses.
        if Self.covers(current, wanted) { return changed ? .updated : .exists }
        let replaced = current.contains { $0.id == wanted.id }
        try await s3.putBucketNotifications(bucket, queues: current.filter { $0.id != wanted.id } + [wanted])
        return replaced ? .updated : .created
    }

    /// Undoes ``notify(bucket:queue:events:prefix:)``: drops the bucket's `swiftlake-<queue>`
    /// notification (when the bucket exists) and the bucket from the queue policy (when the
    /// queue exists); `.removed` when either was there, else `.absent`.
    func unnotify(bucket: String, queue: QueueName) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        var changed = false
        if try await s3.bucketExists(bucket) {
            let current = try await s3.bucketNotifications(bucket)
            let kept = current.filter { $0.id != Self.notificationId(queue) }
            if kept.count != current.count {
                try await s3.putBucketNotifications(bucket, queues: kept)
                changed = true
            }
        }
        if let url = try await lake.queues.client.queueURL(name: queue.rawValue) {
            let attributes = try await lake.queues.client.queueAttributes(url: url, names: [SQSQueueAttribute.queueArn])
            if let arn = attributes[SQSQueueAttribute.queueArn],
               try await updateQueuePolicy(url: url, queueArn: arn, adding: nil, removing: bucket)
            {
                changed = true
            }
        }
        return changed ? .removed : .absent
    }

    /// The id of the bucket notification that targets `queue`.
    static func notificationId(_ queue: QueueName) -> String { "swiftlake-\(queue.rawValue)" }

    /// The URL and ARN of `queue`; throws `.notFound` when it does not exist.
    func queueTarget(_ queue: QueueName) async throws -> (url: String, arn: String) {
        let sqs = lake.queues.client
        guard let url = try await sqs.queueURL(name: queue.rawValue) else {
            throw LakeError(
                .notFound, "queue \(queue) does not exist", hint: "create it before pointing bucket events at it (lake aws bootstrap)",
                context: ["queue": queue.rawValue])
        }
        let attributes = try await sqs.queueAttributes(url: url, names: [SQSQueueAttribute.queueArn])
        guard let arn = attributes[SQSQueueAttribute.queueArn] else {
            throw LakeError(.queue, "SQS did not report the ARN of \(queue)", context: ["queue": queue.rawValue])
        }
        return (url, arn)
    }

    /// Adds `adding` to (or removes `removing` from) the buckets the queue policy lets S3 send
    /// from, keeping every other bucket and statement; true when the policy was written.
    ///
    /// SQS has no conditional write, so two provisioners changing the policy at once could
    /// each drop the other's bucket: after writing, the policy is read again and rewritten
    /// (a few times at most) until it holds this change.
    func updateQueuePolicy(url: String, queueArn: String, adding: String?, removing: String?) async throws -> Bool {
        let sqs = lake.queues.client
        var wrote = false
        for attempt in 0..<4 {
            if attempt > 1 { try await Task.sleep(for: .milliseconds(100 * attempt)) }
            let current = try await sqs.queueAttributes(url: url, names: [SQSQueueAttribute.policy])[SQSQueueAttribute.policy]
            let wanted = try Self.queuePolicy(queueArn: queueArn, existing: current, adding: adding, removing: removing)
            let currentText = current.map(Self.normalizedJSON) ?? ""
            if currentText == (wanted.map(Self.normalizedJSON) ?? "") { return wrote }
            try await sqs.setQueueAttributes(url: url, attributes: [SQSQueueAttribute.policy: wanted ?? ""])
            wrote = true
        }
        return wrote
    }

    /// The bucket ARNs the policy's `swiftlake-s3-events` statement allows.
    static func allowedBucketArns(inQueuePolicy text: String?) -> [String] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [] }
        return statements(object).filter { ($0["Sid"] as? String) == s3EventsStatementId }.flatMap { statement -> [String] in
            guard let condition = statement["Condition"] as? [String: Any] else { return [] }
            return condition.values.compactMap { $0 as? [String: Any] }.flatMap { test -> [String] in
                switch test["aws:SourceArn"] {
                case let arn as String: return [arn]
                case let arns as [Any]: return arns.compactMap { $0 as? String }
                default: return []
                }
            }
        }
    }

    /// The queue policy `existing` with `adding`'s ARN added to and `removing`'s taken from the
    /// buckets the `swiftlake-s3-events` statement allows; other statements are kept as they
    /// are. One bucket is written as a string (as earlier versions did), several as a sorted
    /// list. Nil when no statement is left (the policy is to be cleared).
    public static func queuePolicy(queueArn: String, existing: String?, adding: String?, removing: String?) throws -> String? {
        var policy: [String: Any] = ["Version": "2012-10-17"]
        if let existing, !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(existing.utf8)) as? [String: Any] else {
                throw LakeError(
                    .queue, "the queue's policy is not a JSON object, so SwiftLake cannot add the buckets S3 sends from",
                    hint: "fix or clear the queue's Policy attribute in the SQS console, then run the command again",
                    context: ["queueArn": queueArn])
            }
            policy = object
        }
        var arns = Set(allowedBucketArns(inQueuePolicy: existing))
        if let adding { arns.insert(bucketArn(adding)) }
        if let removing { arns.remove(bucketArn(removing)) }
        var kept = statements(policy).filter { ($0["Sid"] as? String) != s3EventsStatementId }
        if !arns.isEmpty {
            let sorted = arns.sorted()
            let source: Any = sorted.count == 1 ? sorted[0] : sorted
            kept.append([
                "Sid": s3EventsStatementId, "Effect": "Allow", "Principal": ["Service": "s3.amazonaws.com"],
                "Action": "sqs:SendMessage", "Resource": queueArn,
                "Condition": ["ArnLike": ["aws:SourceArn": source]],
            ] as [String: Any])
        }
        guard !kept.isEmpty else { return nil }
        policy["Statement"] = kept
        if policy["Version"] == nil { policy["Version"] = "2012-10-17" }
        guard let data = try? JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys]) else {
            throw LakeError(.format, "cannot encode the queue policy", context: ["queueArn": queueArn])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A policy's statements (a single statement object counts as one).
    static func statements(_ policy: [String: Any]) -> [[String: Any]] {
        switch policy["Statement"] {
        case let list as [Any]: return list.compactMap { $0 as? [String: Any] }
        case let one as [String: Any]: return [one]
        default: return []
        }
    }

    /// `arn:aws:s3:::<bucket>`.
    static func bucketArn(_ bucket: String) -> String { "arn:aws:s3:::\(bucket)" }

    /// JSON text re-serialised with sorted keys, to compare policies by content.
    static func normalizedJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
