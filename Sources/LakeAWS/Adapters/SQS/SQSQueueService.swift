import Foundation
import LakeCore
import Synchronization

/// The queue port on SQS. Queue names map one to one; the dead-letter relation is the queue's
/// `RedrivePolicy`.
///
/// Dead-lettering is done by this adapter, not by SQS, so the dead-letter copy carries the
/// ``DeadLetterAttribute``s and the original message id (attribute `lake.message-id`):
/// a message received more than `maxReceiveCount` times is moved by the `receive` that sees
/// it again, and ``fail(_:in:error:retryAfter:)`` moves it as soon as its receives are used.
/// The `RedrivePolicy` SQS stores says `maxReceiveCount + 1` (1000 when the queue has a
/// dead-letter queue but no limit), so SQS's own redrive only catches consumers that bypass
/// the adapter; ``options(of:)`` reads it back as the value given at creation.
///
/// Per process, the adapter remembers each message's last error (attached when a lease
/// expiry later dead-letters it; other processes attach a generic text) and its latest
/// receipt, so a stale receipt never deletes or extends a message that was received again
/// (SQS ignores stale deletes; moto does not).
public final class SQSQueueService: QueueService {
    /// The SQS client.
    public let client: SQSClient
    let clock: any LakeClock
    let state = Mutex(State())

    /// What the adapter remembers between calls.
    struct State: Sendable {
        var urls: [QueueName: String] = [:]
        var options: [QueueName: QueueOptions] = [:]
        /// Message id to its latest receipt, and receipts to message ids.
        var latestReceipt: [String: String] = [:]
        var receiptMessage: [String: String] = [:]
        /// Message id to the error of its last failure.
        var lastError: [String: String] = [:]

        mutating func trim() {
            if receiptMessage.count > 50_000 {
                latestReceipt = [:]
                receiptMessage = [:]
            }
            if lastError.count > 50_000 { lastError = [:] }
        }
    }

    /// The message attribute carrying the original message id on dead-letter copies.
    static let messageIdAttribute = "lake.message-id"
    /// `RedrivePolicy.maxReceiveCount` standing for "a dead-letter queue but no limit".
    static let unlimitedReceives = 1000
    /// The largest `maxReceiveCount` a queue can have here: SQS allows 1000 in a redrive
    /// policy, the adapter keeps one receive of headroom to dead-letter first, and a policy of
    /// 1000 stands for no limit (so 999 would not read back).
    public static let maxReceiveCountLimit = unlimitedReceives - 2

    /// Creates the adapter; `clock` paces ``awaitActivity(timeout:)`` and stamps failures.
    public init(client: SQSClient, clock: any LakeClock) {
        self.client = client
        self.clock = clock
    }

    /// Creates the queue with its redrive policy, or checks an existing one has the same options (`.conflict` otherwise).
    public func createQueue(_ name: QueueName, options: QueueOptions) async throws {
        try SQSQueueService.validate(options, for: name)
        if try await url(of: name, required: false) != nil {
            let existing = try await self.options(of: name)
            guard let existing, SQSQueueService.sameSettings(existing, options) else {
                throw LakeError(
                    .conflict, "queue \(name) exists with other options",
                    hint: "delete it first or keep its options (visibility timeout, delay, dead-letter settings)",
                    context: ["queue": name.rawValue])
            }
            return
        }
        var deadLetterArn: String?
        if let dlq = options.deadLetterQueue {
            guard let dlqURL = try await url(of: dlq, required: false) else {
                throw LakeError(
                    .notFound, "the dead-letter queue '\(dlq)' does not exist", hint: "create the dead-letter queue first",
                    context: ["queue": name.rawValue, "deadLetterQueue": dlq.rawValue])
            }
            guard let arn = try await client.queueAttributes(url: dlqURL, names: [SQSQueueAttribute.queueArn])[SQSQueueAttribute.queueArn] else {
                throw LakeError(.queue, "SQS did not report the ARN of \(dlq)", context: ["queue": dlq.rawValue])
            }
            deadLetterArn = arn
        }
        let attributes = SQSQueueService.creationAttributes(name: name, options: options, deadLetterArn: deadLetterArn)
        do {
            let url = try await client.createQueue(name: name.rawValue, attributes: attributes)
            state.withLock {
                $0.urls[name] = url
                $0.options[name] = options
            }
        } catch let error as LakeError where error.awsCode == "QueueAlreadyExists" || error.awsCode == "QueueNameExists" {
            throw LakeError(
                .conflict, "queue \(name) exists with other options", hint: "delete it first or keep its options",
                context: ["queue": name.rawValue], underlying: error)
        }
    }

    /// Approximate visible, in-flight and delayed counts from the queue's attributes.
    public func counts(_ queue: QueueName) async throws -> QueueCounts {
        let url = try await requireURL(queue)
        let attributes = try await guarded(queue) {
            try await self.client.queueAttributes(
                url: url,
                names: [
                    SQSQueueAttribute.approximateNumberOfMessages, SQSQueueAttribute.approximateNumberOfMessagesNotVisible,
                    SQSQueueAttribute.approximateNumberOfMessagesDelayed,
                ])
        }
        func count(_ name: String) -> Int { attributes[name].flatMap { Int($0) } ?? 0 }
        return QueueCounts(
            visible: count(SQSQueueAttribute.approximateNumberOfMessages),
            inFlight: count(SQSQueueAttribute.approximateNumberOfMessagesNotVisible),
            delayed: count(SQSQueueAttribute.approximateNumberOfMessagesDelayed))
    }

    /// Queues whose names start with `prefix`, sorted.
    public func listQueues(prefix: String) async throws -> [QueueName] {
        try await client.listAllQueues(prefix: prefix)
            .compactMap { QueueName(rawValue: SQSClient.queueName(fromURL: $0)) }
            .filter { $0.rawValue.hasPrefix(prefix) }
            .sorted()
    }

    /// The queue's options as created, or nil when it does not exist.
    public func options(of queue: QueueName) async throws -> QueueOptions? {
        if let cached = state.withLock({ $0.options[queue] }) { return cached }
        guard let url = try await url(of: queue, required: false) else { return nil }
        let attributes: [String: String]
        do {
            attributes = try await client.queueAttributes(url: url)
        } catch let error as LakeError where SQSClient.isMissingQueue(error) {
            state.withLock { _ = $0.urls.removeValue(forKey: queue) }
            return nil
        }
        let options = SQSQueueService.options(from: attributes)
        state.withLock { $0.options[queue] = options }
        return options
    }

    /// Sleeps `timeout` on the lake clock: SQS has no way to wake us.
    public func awaitActivity(timeout: Duration) async {
        try? await clock.sleep(for: timeout)
    }
}
