import Foundation
import LakeCore

extension SQSQueueService {
    /// Moves the message to the dead-letter queue when its receives are used; otherwise remembers `error` and makes it visible after `retryAfter`.
    public func fail(_ message: ReceivedMessage, in queue: QueueName, error: String, retryAfter: Duration) async throws {
        let options = try await requireOptions(queue)
        if let max = options.maxReceiveCount, message.receiveCount >= max, options.deadLetterQueue != nil {
            if isStale(message.receipt) { return }
            try await moveToDeadLetterQueue(message, from: queue, options: options, error: error)
            return
        }
        state.withLock {
            $0.lastError[message.messageId] = error
            $0.trim()
        }
        do {
            try await changeVisibility(message.receipt, in: queue, timeout: max(.zero, retryAfter))
        } catch let lost as LakeError where lost.code == .conflict {
            // The lease was already lost: the message comes back by itself. Nothing to return.
            return
        }
    }

    /// Moves the message to the dead-letter queue now, with `error` attached; `.queue` when there is none.
    public func deadLetter(_ message: ReceivedMessage, from queue: QueueName, error: String) async throws {
        let options = try await requireOptions(queue)
        guard options.deadLetterQueue != nil else {
            throw LakeError(
                .queue, "queue \(queue) has no dead-letter queue", hint: "create the queue with a deadLetterQueue option",
                context: ["queue": queue.rawValue])
        }
        try await moveToDeadLetterQueue(message, from: queue, options: options, error: error)
    }

    /// Sends a copy with the ``DeadLetterAttribute``s and the original id to the dead-letter
    /// queue, then deletes the original (a crash in between leaves a duplicate, never a loss).
    func moveToDeadLetterQueue(_ message: ReceivedMessage, from queue: QueueName, options: QueueOptions, error: String) async throws {
        guard let dlq = options.deadLetterQueue else {
            throw LakeError(.queue, "queue \(queue) has no dead-letter queue", context: ["queue": queue.rawValue])
        }
        var attributes = message.attributes
        attributes[DeadLetterAttribute.error] = String(error.prefix(4000))
        attributes[DeadLetterAttribute.sourceQueue] = queue.rawValue
        attributes[DeadLetterAttribute.failedAt] = AWSDateFormat.formatISO8601(clock.now())
        attributes[DeadLetterAttribute.receiveCount] = String(message.receiveCount)
        attributes[SQSQueueService.messageIdAttribute] = message.messageId
        var entry = SQSSendEntry(id: "0", body: message.body, attributes: SQSQueueService.encode(attributes))
        if dlq.isFIFO {
            entry.groupId = message.groupId ?? "dead-letter"
            entry.deduplicationId = "\(message.messageId)-\(message.receiveCount)"
        }
        _ = try await sendEntries([entry], to: dlq)
        let url = try await requireURL(queue)
        let failed = try await guarded(queue) { try await self.client.deleteMessageBatch(url: url, receipts: [message.receipt.rawValue]) }
        forget([message.receipt])
        if let failure = failed.first, failure.code != "ReceiptHandleIsInvalid" {
            throw LakeError(
                .queue, "dead-lettered a copy but could not delete the original from \(queue): \(failure.code ?? "?")",
                hint: "the message may be delivered once more", context: ["queue": queue.rawValue])
        }
    }
}
