import Foundation

/// A message attribute as SQS carries it.
public struct SQSMessageAttribute: Codable, Sendable, Hashable {
    /// `String`, `Number`, `Binary`, optionally with a custom label (`String.x`).
    public var dataType: String
    /// The value of `String` and `Number` attributes.
    public var stringValue: String?

    /// A string attribute.
    public init(dataType: String = "String", stringValue: String?) {
        self.dataType = dataType
        self.stringValue = stringValue
    }

    enum CodingKeys: String, CodingKey {
        case dataType = "DataType", stringValue = "StringValue"
    }
}

/// One message to send in a batch.
public struct SQSSendEntry: Codable, Sendable, Hashable {
    /// Batch-local id (`0`...`9`).
    public var id: String
    /// The body.
    public var body: String
    /// Per-message delay in seconds (standard queues only).
    public var delaySeconds: Int?
    /// FIFO group.
    public var groupId: String?
    /// FIFO deduplication id.
    public var deduplicationId: String?
    /// Message attributes.
    public var attributes: [String: SQSMessageAttribute]?

    /// Creates an entry.
    public init(
        id: String, body: String, delaySeconds: Int? = nil, groupId: String? = nil, deduplicationId: String? = nil,
        attributes: [String: SQSMessageAttribute]? = nil
    ) {
        self.id = id
        self.body = body
        self.delaySeconds = delaySeconds
        self.groupId = groupId
        self.deduplicationId = deduplicationId
        self.attributes = attributes
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", body = "MessageBody", delaySeconds = "DelaySeconds", groupId = "MessageGroupId"
        case deduplicationId = "MessageDeduplicationId", attributes = "MessageAttributes"
    }
}

/// A batch entry that failed.
public struct SQSBatchFailure: Codable, Sendable, Hashable {
    /// The entry's batch-local id.
    public var id: String
    /// Whether the caller is at fault (not worth retrying unchanged).
    public var senderFault: Bool?
    /// The AWS error code.
    public var code: String?
    /// The message.
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", senderFault = "SenderFault", code = "Code", message = "Message"
    }
}

/// A received message.
public struct SQSMessage: Codable, Sendable, Hashable {
    /// The message id.
    public var messageId: String
    /// The receipt handle of this receive.
    public var receiptHandle: String
    /// The body.
    public var body: String
    /// System attributes asked for (`ApproximateReceiveCount`, `SentTimestamp`, `MessageGroupId`).
    public var attributes: [String: String]?
    /// Message attributes.
    public var messageAttributes: [String: SQSMessageAttribute]?

    enum CodingKeys: String, CodingKey {
        case messageId = "MessageId", receiptHandle = "ReceiptHandle", body = "Body", attributes = "Attributes"
        case messageAttributes = "MessageAttributes"
    }
}

/// Queue attribute names SwiftLake reads and writes.
public enum SQSQueueAttribute {
    /// Seconds a received message stays invisible.
    public static let visibilityTimeout = "VisibilityTimeout"
    /// Default delay in seconds.
    public static let delaySeconds = "DelaySeconds"
    /// JSON `{"deadLetterTargetArn": ..., "maxReceiveCount": n}`.
    public static let redrivePolicy = "RedrivePolicy"
    /// `true` for FIFO queues.
    public static let fifoQueue = "FifoQueue"
    /// `true` to deduplicate on the body's hash.
    public static let contentBasedDeduplication = "ContentBasedDeduplication"
    /// The queue's ARN.
    public static let queueArn = "QueueArn"
    /// Visible messages.
    public static let approximateNumberOfMessages = "ApproximateNumberOfMessages"
    /// In-flight messages.
    public static let approximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible"
    /// Delayed messages.
    public static let approximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed"
    /// Seconds a message is kept.
    public static let messageRetentionPeriod = "MessageRetentionPeriod"
    /// The queue's resource policy (JSON).
    public static let policy = "Policy"
}

/// A queue's redrive policy: where messages go after too many receives.
public struct SQSRedrivePolicy: Codable, Sendable, Hashable {
    /// The dead-letter queue's ARN.
    public var deadLetterTargetArn: String
    /// Receives before a message moves.
    public var maxReceiveCount: Int

    /// Creates a policy.
    public init(deadLetterTargetArn: String, maxReceiveCount: Int) {
        self.deadLetterTargetArn = deadLetterTargetArn
        self.maxReceiveCount = maxReceiveCount
    }

    /// The policy as the attribute's JSON text.
    public var json: String {
        #"{"deadLetterTargetArn":"\#(deadLetterTargetArn)","maxReceiveCount":\#(maxReceiveCount)}"#
    }

    /// Parses the attribute; `maxReceiveCount` may be a number or a string.
    public init?(json text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let arn = object["deadLetterTargetArn"] as? String
        else { return nil }
        let count = (object["maxReceiveCount"] as? Int) ?? (object["maxReceiveCount"] as? String).flatMap { Int($0) }
        guard let count else { return nil }
        self.init(deadLetterTargetArn: arn, maxReceiveCount: count)
    }
}
