import Foundation
import LakeCore
import LakeSigV4

/// SNS `Publish` over the Query protocol (form-encoded POST, XML answer): all SwiftLake needs to
/// tell a team's topic about a failure.
public struct SNSClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    /// Publishes `message` (with `subject`, at most 100 characters, when given) to `topicArn`;
    /// returns the message id SNS gave it.
    @discardableResult
    public func publish(topicArn: String, message: String, subject: String? = nil) async throws -> String {
        var form = [("Action", "Publish"), ("Version", "2010-03-31"), ("TopicArn", topicArn), ("Message", message)]
        if let subject { form.append(("Subject", String(subject.prefix(100)))) }
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await transport.send(AWSRequest(
            service: .sns, operation: "Publish", method: "POST",
            headers: [HeaderField("content-type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(body.utf8)))
        let root = try XMLNodeParser.parse(response.body)
        return root.child("PublishResult")?.value("MessageId") ?? ""
    }

    /// `application/x-www-form-urlencoded` encoding of one key or value.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
