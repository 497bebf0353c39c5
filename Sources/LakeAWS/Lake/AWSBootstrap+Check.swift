import Foundation
import LakeCore

extension AWSBootstrap {
    /// What ``apply(_:progress:)`` would report for each step of `plan`, found with read-only
    /// calls and changing nothing: the dry run of `lake aws bootstrap`. `.created` means the
    /// step would create its resource, `.updated` that it would change one (a parameter's
    /// value, a queue policy or bucket notification missing part of what it needs), `.exists`
    /// that it would find it as wanted. A queue that exists with other options fails the check
    /// as it would fail the run.
    ///
    /// Resources made by the CloudFormation templates of `lake aws template` count as found:
    /// a notification is found when the bucket's configurations send its events to the queue
    /// whatever their ids, and a queue-URL parameter when it names the same queue of the same
    /// account whatever the URL's host.
    public func check(_ plan: AWSBootstrapPlan) async throws -> [AWSBootstrapResult] {
        var results: [AWSBootstrapResult] = []
        for action in plan.actions { results.append(AWSBootstrapResult(action: action, outcome: try await check(action))) }
        return results
    }

    private func check(_ action: AWSBootstrapAction) async throws -> AWSBootstrapOutcome {
        switch action {
        case .createBucket(let bucket):
            return try await lake.objects.client.bucketExists(bucket) ? .exists : .created
        case .createQueue(let spec):
            guard let existing = try await lake.queues.options(of: spec.name) else { return .created }
            guard SQSQueueService.sameSettings(existing, spec.options) else {
                throw LakeError(
                    .conflict, "queue \(spec.name) exists with other options, so bootstrap would stop there",
                    hint: "delete it first or keep its options (visibility timeout, delay, dead-letter settings)",
                    context: ["queue": spec.name.rawValue])
            }
            return .exists
        case .createTable(let spec):
            return try await lake.metadata.client.describeTable(spec.name) == nil ? .created : .exists
        case .createDatabase(let name, _):
            return try await lake.catalog.client.database(name) == nil ? .created : .exists
        case .putParameter(let name, let value):
            guard let existing = try await lake.ssm.parameter(name: name) else { return .created }
            return existing.value == value ? .exists : .updated
        case .putQueueURLParameter(let name, let queue):
            guard let existing = try await lake.ssm.parameter(name: name) else { return .created }
            guard let url = try await lake.queues.client.queueURL(name: queue.rawValue) else { return .updated }
            return Self.sameQueue(existing.value, url) ? .exists : .updated
        case .notifyQueue(let bucket, let queue, let events, let prefix):
            return try await checkNotification(bucket: bucket, queue: queue, events: events, prefix: prefix)
        case .uploadScript(let file, let key, _):
            let data = try Self.script(file)
            let location = ObjectLocation(.artifacts, try ObjectKey(key))
            guard try await lake.objects.head(location) != nil else { return .created }
            return try await lake.objects.get(location) == data ? .exists : .updated
        case .createJob(let job):
            switch try await lake.catalog.client.jobMatches(job) {
            case nil: return .created
            case false?: return .updated
            case true?: return .exists
            }
        }
    }

    /// A notification is there when the queue policy lets S3 send from the bucket and the
    /// bucket's configurations cover the events.
    private func checkNotification(bucket: String, queue: QueueName, events: [String], prefix: String?) async throws -> AWSBootstrapOutcome {
        let sqs = lake.queues.client
        guard let url = try await sqs.queueURL(name: queue.rawValue) else { return .created }
        let attributes = try await sqs.queueAttributes(url: url, names: [SQSQueueAttribute.queueArn, SQSQueueAttribute.policy])
        guard let arn = attributes[SQSQueueAttribute.queueArn] else { return .created }
        let allowed = Self.allowedBucketArns(inQueuePolicy: attributes[SQSQueueAttribute.policy]).contains(Self.bucketArn(bucket))
        var covered = false
        if try await lake.objects.client.bucketExists(bucket) {
            let wanted = S3QueueNotification(id: Self.notificationId(queue), queueArn: arn, events: events, prefix: prefix)
            covered = Self.covers(try await lake.objects.client.bucketNotifications(bucket), wanted)
        }
        switch (allowed, covered) {
        case (true, true): return .exists
        case (false, false): return .created
        default: return .updated
        }
    }

    /// Whether `configurations` send every event of `wanted` to its queue for its key prefix
    /// (and no narrower filter), whatever their ids: CloudFormation writes one configuration
    /// per event under ids of its own.
    public static func covers(_ configurations: [S3QueueNotification], _ wanted: S3QueueNotification) -> Bool {
        wanted.events.allSatisfy { event in
            configurations.contains {
                $0.queueArn == wanted.queueArn && ($0.prefix ?? "") == (wanted.prefix ?? "") && ($0.suffix ?? "").isEmpty && $0.events.contains(event)
            }
        }
    }

    /// Whether two queue URLs name the same queue of the same account (`.../<account>/<name>`):
    /// the host differs between endpoints (`sqs.<region>.amazonaws.com`, `queue.amazonaws.com`,
    /// an emulator's) while the queue is the same.
    public static func sameQueue(_ a: String, _ b: String) -> Bool {
        func tail(_ url: String) -> [Substring] { Array(url.split(separator: "/").suffix(2)) }
        return a == b || (tail(a).count == 2 && tail(a) == tail(b))
    }
}
