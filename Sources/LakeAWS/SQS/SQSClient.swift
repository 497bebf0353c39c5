import Foundation
import LakeCore

/// The SQS calls SwiftLake needs, over the JSON protocol (`AmazonSQS.<Op>`,
/// `application/x-amz-json-1.0`).
public struct SQSClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, as output: Output.Type, timeout: Duration = .seconds(60)
    ) async throws -> Output {
        try await transport.json(
            .sqs, version: .v1_0, targetPrefix: "AmazonSQS", operation: operation, input: input, as: output,
            timeout: timeout)
    }

    private struct QueueURLOutput: Decodable { var QueueUrl: String }

    /// Creates a queue (FIFO when the name ends in `.fifo`) with `attributes`; returns its URL.
    /// Creating an existing queue with the same attributes returns its URL; with different
    /// ones SQS answers `QueueAlreadyExists` (``LakeError/awsCode``).
    public func createQueue(name: String, attributes: [String: String] = [:]) async throws -> String {
        struct Input: Encodable {
            var QueueName: String
            var Attributes: [String: String]?
        }
        var attributes = attributes
        if name.hasSuffix(".fifo") { attributes[SQSQueueAttribute.fifoQueue] = "true" }
        return try await call(
            "CreateQueue", Input(QueueName: name, Attributes: attributes.isEmpty ? nil : attributes),
            as: QueueURLOutput.self
        ).QueueUrl
    }

    /// The URL of queue `name`, or nil when it does not exist.
    public func queueURL(name: String) async throws -> String? {
        struct Input: Encodable { var QueueName: String }
        do {
            return try await call("GetQueueUrl", Input(QueueName: name), as: QueueURLOutput.self).QueueUrl
        } catch let error as LakeError where SQSClient.isMissingQueue(error) {
            return nil
        }
    }

    /// One page of queue URLs whose names start with `prefix`.
    public func listQueues(prefix: String? = nil, maxResults: Int = 1000, nextToken: String? = nil) async throws -> (
        urls: [String], nextToken: String?
    ) {
        struct Input: Encodable {
            var QueueNamePrefix: String?
            var MaxResults: Int
            var NextToken: String?
        }
        struct Output: Decodable {
            var QueueUrls: [String]?
            var NextToken: String?
        }
        let output = try await call(
            "ListQueues",
            Input(QueueNamePrefix: prefix.flatMap { $0.isEmpty ? nil : $0 }, MaxResults: min(max(maxResults, 1), 1000), NextToken: nextToken),
            as: Output.self)
        return (output.QueueUrls ?? [], output.NextToken.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every queue URL whose name starts with `prefix`, following pages.
    public func listAllQueues(prefix: String? = nil) async throws -> [String] {
        var urls: [String] = []
        var token: String?
        repeat {
            let page = try await listQueues(prefix: prefix, nextToken: token)
            urls += page.urls
            token = page.nextToken
        } while token != nil
        return urls
    }

    /// Queue attributes (`All` by default).
    public func queueAttributes(url: String, names: [String] = ["All"]) async throws -> [String: String] {
        struct Input: Encodable {
            var QueueUrl: String
            var AttributeNames: [String]
        }
        struct Output: Decodable { var Attributes: [String: String]? }
        return try await call("GetQueueAttributes", Input(QueueUrl: url, AttributeNames: names), as: Output.self)
            .Attributes ?? [:]
    }

    /// Changes queue attributes.
    public func setQueueAttributes(url: String, attributes: [String: String]) async throws {
        struct Input: Encodable {
            var QueueUrl: String
            var Attributes: [String: String]
        }
        _ = try await call("SetQueueAttributes", Input(QueueUrl: url, Attributes: attributes), as: AWSEmpty.self)
    }

    /// Deletes a queue.
    public func deleteQueue(url: String) async throws {
        struct Input: Encodable { var QueueUrl: String }
        _ = try await call("DeleteQueue", Input(QueueUrl: url), as: AWSEmpty.self)
    }

    /// Whether an error says the queue does not exist.
    public static func isMissingQueue(_ error: LakeError) -> Bool {
        guard let code = error.awsCode else { return false }
        return code == "QueueDoesNotExist" || code == "AWS.SimpleQueueService.NonExistentQueue"
            || code == "NonExistentQueue"
    }

    /// The queue name at the end of a queue URL.
    public static func queueName(fromURL url: String) -> String {
        String(url.split(separator: "/").last ?? Substring(url))
    }
}
