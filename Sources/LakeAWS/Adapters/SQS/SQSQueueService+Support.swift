import Foundation
import LakeCore

extension SQSQueueService {
    /// The URL of `queue`, cached; nil (or `.notFound` when `required`) when it does not exist.
    func url(of queue: QueueName, required: Bool) async throws -> String? {
        if let cached = state.withLock({ $0.urls[queue] }) { return cached }
        guard let url = try await client.queueURL(name: queue.rawValue) else {
            if required { throw SQSQueueService.missing(queue) }
            return nil
        }
        state.withLock { $0.urls[queue] = url }
        return url
    }

    /// The URL of `queue`, or `.notFound`.
    func requireURL(_ queue: QueueName) async throws -> String {
        guard let url = try await url(of: queue, required: true) else { throw SQSQueueService.missing(queue) }
        return url
    }

    /// The options of an existing queue, or `.notFound`.
    func requireOptions(_ queue: QueueName) async throws -> QueueOptions {
        guard let options = try await options(of: queue) else { throw SQSQueueService.missing(queue) }
        return options
    }

    /// Runs an SQS call, turning "queue does not exist" into `.notFound` (and forgetting the URL).
    func guarded<T: Sendable>(_ queue: QueueName, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LakeError where SQSClient.isMissingQueue(error) {
            state.withLock {
                _ = $0.urls.removeValue(forKey: queue)
                _ = $0.options.removeValue(forKey: queue)
            }
            throw SQSQueueService.missing(queue, underlying: error)
        }
    }

    static func missing(_ queue: QueueName, underlying: LakeError? = nil) -> LakeError {
        LakeError(
            .notFound, "queue \(queue) does not exist", hint: "create it first (`lake aws bootstrap` creates the lake's queues)",
            context: ["queue": queue.rawValue], underlying: underlying)
    }

    /// Whole seconds, rounded up (SQS counts in seconds).
    static func wholeSeconds(_ duration: Duration) -> Int {
        Int(duration.seconds.rounded(.up))
    }

    /// The attributes a queue is created with (CreateQueue, and the CloudFormation templates of
    /// `lake aws template`): visibility timeout and delay in whole seconds, no content-based
    /// deduplication on FIFO queues (the engine sends its own ids), and with a dead-letter queue
    /// (`deadLetterArn`) a redrive policy of `maxReceiveCount + 1` receives, or
    /// ``unlimitedReceives`` when there is no limit (see the type's documentation).
    public static func creationAttributes(name: QueueName, options: QueueOptions, deadLetterArn: String?) -> [String: String] {
        var attributes = [
            SQSQueueAttribute.visibilityTimeout: String(wholeSeconds(options.visibilityTimeout)),
            SQSQueueAttribute.delaySeconds: String(wholeSeconds(options.delay)),
        ]
        if name.isFIFO { attributes[SQSQueueAttribute.contentBasedDeduplication] = "false" }
        if let deadLetterArn {
            let receives = options.maxReceiveCount.map { $0 + 1 } ?? unlimitedReceives
            attributes[SQSQueueAttribute.redrivePolicy] = SQSRedrivePolicy(deadLetterTargetArn: deadLetterArn, maxReceiveCount: receives).json
        }
        return attributes
    }

    /// Options as SQS stores them, back in the port's terms.
    static func options(from attributes: [String: String]) -> QueueOptions {
        var options = QueueOptions(
            visibilityTimeout: .seconds(Int(attributes[SQSQueueAttribute.visibilityTimeout] ?? "") ?? 30),
            delay: .seconds(Int(attributes[SQSQueueAttribute.delaySeconds] ?? "") ?? 0))
        if let policy = attributes[SQSQueueAttribute.redrivePolicy].flatMap(SQSRedrivePolicy.init(json:)) {
            options.deadLetterQueue = QueueName(rawValue: String(policy.deadLetterTargetArn.split(separator: ":").last ?? ""))
            options.maxReceiveCount = policy.maxReceiveCount >= unlimitedReceives ? nil : max(1, policy.maxReceiveCount - 1)
        }
        return options
    }

    /// Whether two option sets say the same to SQS (the deduplication window is fixed at 5 minutes).
    static func sameSettings(_ a: QueueOptions, _ b: QueueOptions) -> Bool {
        wholeSeconds(a.visibilityTimeout) == wholeSeconds(b.visibilityTimeout) && wholeSeconds(a.delay) == wholeSeconds(b.delay)
            && a.maxReceiveCount == b.maxReceiveCount && a.deadLetterQueue == b.deadLetterQueue
    }

    static func validate(_ options: QueueOptions, for name: QueueName) throws(LakeError) {
        let context = ["queue": name.rawValue]
        guard options.visibilityTimeout >= .zero, options.visibilityTimeout <= .seconds(43_200) else {
            throw LakeError(.usage, "SQS visibility timeouts are 0 to 12 hours", context: context)
        }
        guard options.delay >= .zero, options.delay <= .seconds(900) else {
            throw LakeError(.usage, "SQS delays are 0 to 15 minutes", context: context)
        }
        if let max = options.maxReceiveCount {
            guard (1...maxReceiveCountLimit).contains(max) else {
                throw LakeError(.usage, "maxReceiveCount must be 1 to \(maxReceiveCountLimit) on SQS", context: context)
            }
            guard options.deadLetterQueue != nil else {
                throw LakeError(
                    .usage, "maxReceiveCount needs a dead-letter queue", hint: "set deadLetterQueue too, as an SQS redrive policy does",
                    context: context)
            }
        }
        if let dlq = options.deadLetterQueue {
            guard dlq.isFIFO == name.isFIFO else {
                throw LakeError(
                    .usage, "the dead-letter queue of a \(name.isFIFO ? "FIFO" : "standard") queue must be one too",
                    hint: "name FIFO dead-letter queues with the .fifo suffix, and only those", context: context)
            }
            guard dlq != name else { throw LakeError(.usage, "a queue cannot be its own dead-letter queue", context: context) }
        }
    }

    static func checkBatch(_ count: Int, _ operation: String, _ queue: QueueName) throws(LakeError) {
        guard (1...10).contains(count) else {
            throw LakeError(
                .usage, "\(operation) takes 1 to 10 messages, not \(count)",
                hint: "split the work into batches of at most 10 (sendAll/deleteAll do it)", context: ["queue": queue.rawValue])
        }
    }

    /// The port's attributes as SQS message attributes; empty values travel as `String.empty`
    /// (SQS refuses empty strings).
    static func encode(_ attributes: [String: String]) -> [String: SQSMessageAttribute]? {
        guard !attributes.isEmpty else { return nil }
        return attributes.mapValues {
            $0.isEmpty ? SQSMessageAttribute(dataType: "String.empty", stringValue: "-") : SQSMessageAttribute(stringValue: $0)
        }
    }

    /// SQS message attributes back as the port's (binary ones are left out).
    static func decode(_ attributes: [String: SQSMessageAttribute]?) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in attributes ?? [:] {
            if value.dataType == "String.empty" {
                out[name] = ""
            } else if let text = value.stringValue {
                out[name] = text
            }
        }
        return out
    }
}
