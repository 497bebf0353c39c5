import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// SNS Publish (team notifications) against moto: a message published to a topic reaches the
/// SQS queue subscribed to it, as the AWS CLI reads it back.
@Suite(.blocking) struct SNSClientTests {
    @Test func publishReachesASubscribedQueue() async throws {
        let endpoint = try await MotoServer.shared.start()
        func aws(_ arguments: [String]) throws -> [String: Any] {
            (try AWSCLIReadBackTests.aws(arguments, endpoint: endpoint) as? [String: Any]) ?? [:]
        }
        let name = Moto.unique("lake-notify")
        let topic = try #require(try aws(["sns", "create-topic", "--name", name])["TopicArn"] as? String)
        let queueURL = try #require(try aws(["sqs", "create-queue", "--queue-name", name])["QueueUrl"] as? String)
        let attributes = try aws(["sqs", "get-queue-attributes", "--queue-url", queueURL, "--attribute-names", "QueueArn"])
        let queueArn = try #require((attributes["Attributes"] as? [String: String])?["QueueArn"])
        _ = try aws(["sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn,
                     "--attributes", "RawMessageDelivery=true"])
        let id = try await Moto.withTransport { transport in
            try await SNSClient(transport: transport).publish(topicArn: topic, message: #"{"kind":"failed","team":"sales & co"}"#, subject: "[swiftlake] failed")
        }
        #expect(!id.isEmpty)
        let received = try aws(["sqs", "receive-message", "--queue-url", queueURL, "--wait-time-seconds", "2"])
        let body = try #require((received["Messages"] as? [[String: Any]])?.first?["Body"] as? String)
        #expect(body == #"{"kind":"failed","team":"sales & co"}"#)
        // A topic that does not exist is an error that says so.
        await #expect(throws: LakeError.self) {
            try await Moto.withTransport { transport in
                try await SNSClient(transport: transport).publish(topicArn: topic + "-missing", message: "x")
            }
        }
    }
}
