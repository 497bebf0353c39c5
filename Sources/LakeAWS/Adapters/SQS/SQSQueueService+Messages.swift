import Foundation
import LakeCore

extension SQSQueueService {
    /// Sends 1...10 messages with SendMessageBatch; returns their ids in order.
    @discardableResult
    public func send(_ messages: [OutgoingMessage], to queue: QueueName) async throws -> [String] {
        try SQSQueueService.checkBatch(messages.count, "send", queue)
        var entries: [SQSSendEntry] = []
        for (index, message) in messages.enumerated() {
            entries.append(try SQSQueueService.entry(message, id: String(index), queue: queue))
        }
        return try await sendEntries(entries, to: queue)
    }

    /// Sends prepared entries; returns the message ids in entry order.
    func sendEntries(_ entries: [SQSSendEntry], to queue: QueueName) async throws -> [String] {
        let url = try await requireURL(queue)
        let result = try await guarded(queue) { try await self.client.sendMessageBatch(url: url, entries: entries) }
        if let failure = result.failed.first {
            throw LakeError(
                failure.senderFault == true ? .usage : .queue,
                "SQS refused \(result.failed.count) of \(entries.count) messages sent to \(queue): \(failure.code ?? "?") \(failure.message ?? "")",
                hint: failure.senderFault == true ? "check the message size (256 KiB), attributes (at most 10) and FIFO ids" : "retry",
                context: ["queue": queue.rawValue, "awsCode": failure.code ?? "-"])
        }
        return entries.map { result.messageIds[$0.id] ?? "" }
    }

    static func entry(_ message: OutgoingMessage, id: String, queue: QueueName) throws(LakeError) -> SQSSendEntry {
        var entry = SQSSendEntry(id: id, body: message.body, attributes: encode(message.attributes))
        if queue.isFIFO {
            guard let group = message.groupId, !group.isEmpty else {
                throw LakeError(
                    .usage, "messages sent to FIFO queue \(queue) need a group id", hint: "set OutgoingMessage.groupId",
                    context: ["queue": queue.rawValue])
            }
            if let delay = message.delay, delay > .zero {
                throw LakeError(
                    .usage, "SQS FIFO queues take no per-message delay", hint: "give the queue a delay instead",
                    context: ["queue": queue.rawValue])
            }
            entry.groupId = group
            entry.deduplicationId = message.deduplicationId ?? UUID().uuidString
        } else if let delay = message.delay {
            guard delay >= .zero, delay <= .seconds(900) else {
                throw LakeError(.usage, "SQS delays are 0 to 15 minutes", context: ["queue": queue.rawValue])
            }
            entry.delaySeconds = wholeSeconds(delay)
        }
        return entry
    }

    /// Receives up to `maxMessages` without waiting; messages past `maxReceiveCount` are dead-lettered instead of returned.
    public func receive(from queue: QueueName, maxMessages: Int, visibilityTimeout: Duration?) async throws -> [ReceivedMessage] {
        try SQSQueueService.checkBatch(maxMessages, "receive", queue)
        let url = try await requireURL(queue)
        let options = try await requireOptions(queue)
        let raw = try await guarded(queue) {
            try await self.client.receiveMessages(
                url: url, maxMessages: maxMessages, visibilityTimeout: visibilityTimeout.map(SQSQueueService.wholeSeconds))
        }
        var delivered: [ReceivedMessage] = []
        for message in raw {
            let received = SQSQueueService.received(message)
            if let max = options.maxReceiveCount, received.receiveCount > max {
                // Received again after using its receives: it belongs in the dead-letter queue.
                let error = state.withLock { $0.lastError[received.messageId] }
                    ?? "received \(received.receiveCount - 1) times without being deleted (maxReceiveCount \(max))"
                var counted = received
                counted.receiveCount -= 1
                try await moveToDeadLetterQueue(counted, from: queue, options: options, error: error)
                continue
            }
            state.withLock {
                $0.latestReceipt[received.messageId] = received.receipt.rawValue
                $0.receiptMessage[received.receipt.rawValue] = received.messageId
                $0.trim()
            }
            delivered.append(received)
        }
        return delivered
    }

    /// An SQS message in the port's terms: the original id of a dead-letter copy, the receive
    /// count, sent time and group.
    static func received(_ message: SQSMessage) -> ReceivedMessage {
        var attributes = decode(message.messageAttributes)
        let originalId = attributes.removeValue(forKey: messageIdAttribute)
        let system = message.attributes ?? [:]
        let sentMillis = system["SentTimestamp"].flatMap { Double($0) } ?? 0
        return ReceivedMessage(
            messageId: originalId ?? message.messageId, receipt: ReceiptHandle(message.receiptHandle), body: message.body,
            receiveCount: system["ApproximateReceiveCount"].flatMap { Int($0) } ?? 1, groupId: system["MessageGroupId"],
            sentAt: Date(timeIntervalSince1970: sentMillis / 1000), attributes: attributes)
    }

    /// Whether this process handed out a newer receipt for the same message (or deleted it).
    /// Receipts this process never saw are not judged.
    func isStale(_ receipt: ReceiptHandle) -> Bool {
        state.withLock { state in
            guard let messageId = state.receiptMessage[receipt.rawValue] else { return false }
            return state.latestReceipt[messageId] != receipt.rawValue
        }
    }

    /// Deletes received messages; stale receipts are skipped.
    public func delete(_ receipts: [ReceiptHandle], from queue: QueueName) async throws {
        guard !receipts.isEmpty else { return }
        try SQSQueueService.checkBatch(receipts.count, "delete", queue)
        let url = try await requireURL(queue)
        let current = receipts.filter { !isStale($0) }
        guard !current.isEmpty else { return }
        let failed = try await guarded(queue) { try await self.client.deleteMessageBatch(url: url, receipts: current.map(\.rawValue)) }
        let serious = failed.filter { $0.code != "ReceiptHandleIsInvalid" }
        forget(current)
        if let failure = serious.first {
            throw LakeError(
                .queue, "SQS could not delete \(serious.count) messages from \(queue): \(failure.code ?? "?")", hint: "retry",
                context: ["queue": queue.rawValue, "awsCode": failure.code ?? "-"])
        }
    }

    /// Drops what the adapter remembers about deleted messages.
    func forget(_ receipts: [ReceiptHandle]) {
        state.withLock { state in
            for receipt in receipts {
                guard let messageId = state.receiptMessage[receipt.rawValue] else { continue }
                state.latestReceipt.removeValue(forKey: messageId)
                state.lastError.removeValue(forKey: messageId)
            }
        }
    }

    /// Sets a received message's visibility timeout from now; `.conflict` when the receipt lost its lease.
    public func changeVisibility(_ receipt: ReceiptHandle, in queue: QueueName, timeout: Duration) async throws {
        guard timeout >= .zero, timeout <= .seconds(43_200) else {
            throw LakeError(.usage, "SQS visibility timeouts are 0 to 12 hours", context: ["queue": queue.rawValue])
        }
        let url = try await requireURL(queue)
        if isStale(receipt) { throw SQSQueueService.lostLease(queue) }
        do {
            try await guarded(queue) {
                try await self.client.changeMessageVisibility(
                    url: url, receipt: receipt.rawValue, timeoutSeconds: SQSQueueService.wholeSeconds(timeout))
            }
        } catch let error as LakeError
            where error.awsCode == "ReceiptHandleIsInvalid" || error.awsCode == "MessageNotInflight"
            || error.awsCode == "InvalidParameterValue"
        {
            throw SQSQueueService.lostLease(queue, underlying: error)
        }
    }

    static func lostLease(_ queue: QueueName, underlying: LakeError? = nil) -> LakeError {
        LakeError(
            .conflict, "the message is no longer held by this receipt",
            hint: "its lease expired and it was received again, or it was deleted; stop working on it",
            context: ["queue": queue.rawValue], underlying: underlying)
    }
}
