import Foundation
import LakeCore

extension SQSClient {
    /// Sends up to 10 messages; returns the message id of each successful entry by entry id,
    /// and the failed entries.
    public func sendMessageBatch(url: String, entries: [SQSSendEntry]) async throws -> (
        messageIds: [String: String], failed: [SQSBatchFailure]
    ) {
        struct Input: Encodable {
            var QueueUrl: String
            var Entries: [SQSSendEntry]
        }
        struct Sent: Decodable {
            var Id: String
            var MessageId: String
        }
        struct Output: Decodable {
            var Successful: [Sent]?
            var Failed: [SQSBatchFailure]?
        }
        let output = try await call("SendMessageBatch", Input(QueueUrl: url, Entries: entries), as: Output.self)
        var ids: [String: String] = [:]
        for sent in output.Successful ?? [] { ids[sent.Id] = sent.MessageId }
        return (ids, output.Failed ?? [])
    }

    /// Receives up to `maxMessages` (1...10), waiting up to `waitSeconds` (0...20) for the
    /// first, with the receive count, sent time, group id and every message attribute.
    public func receiveMessages(
        url: String, maxMessages: Int = 10, visibilityTimeout: Int? = nil, waitSeconds: Int = 0
    ) async throws -> [SQSMessage] {
        struct Input: Encodable {
            var QueueUrl: String
            var MaxNumberOfMessages: Int
            var VisibilityTimeout: Int?
            var WaitTimeSeconds: Int
            var MessageSystemAttributeNames: [String]
            var AttributeNames: [String]
            var MessageAttributeNames: [String]
        }
        struct Output: Decodable { var Messages: [SQSMessage]? }
        let system = ["ApproximateReceiveCount", "SentTimestamp", "MessageGroupId"]
        let wait = min(max(waitSeconds, 0), 20)
        let input = Input(
            QueueUrl: url, MaxNumberOfMessages: min(max(maxMessages, 1), 10), VisibilityTimeout: visibilityTimeout,
            WaitTimeSeconds: wait, MessageSystemAttributeNames: system, AttributeNames: system,
            MessageAttributeNames: ["All"])
        return try await call("ReceiveMessage", input, as: Output.self, timeout: .seconds(60 + wait)).Messages ?? []
    }

    /// Deletes up to 10 received messages by receipt handle; returns the failed entries
    /// (entry ids are the receipts' indexes).
    public func deleteMessageBatch(url: String, receipts: [String]) async throws -> [SQSBatchFailure] {
        struct Entry: Encodable {
            var Id: String
            var ReceiptHandle: String
        }
        struct Input: Encodable {
            var QueueUrl: String
            var Entries: [Entry]
        }
        struct Output: Decodable { var Failed: [SQSBatchFailure]? }
        guard !receipts.isEmpty else { return [] }
        let entries = receipts.enumerated().map { Entry(Id: String($0.offset), ReceiptHandle: $0.element) }
        return try await call("DeleteMessageBatch", Input(QueueUrl: url, Entries: entries), as: Output.self).Failed ?? []
    }

    /// Sets a received message's visibility timeout (seconds from now, 0...43200).
    public func changeMessageVisibility(url: String, receipt: String, timeoutSeconds: Int) async throws {
        struct Input: Encodable {
            var QueueUrl: String
            var ReceiptHandle: String
            var VisibilityTimeout: Int
        }
        _ = try await call(
            "ChangeMessageVisibility",
            Input(QueueUrl: url, ReceiptHandle: receipt, VisibilityTimeout: min(max(timeoutSeconds, 0), 43_200)),
            as: AWSEmpty.self)
    }

    /// Deletes every message in the queue.
    public func purgeQueue(url: String) async throws {
        struct Input: Encodable { var QueueUrl: String }
        _ = try await call("PurgeQueue", Input(QueueUrl: url), as: AWSEmpty.self)
    }
}
