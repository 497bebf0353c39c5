import LakeAWS
import LakeCore
import Testing

/// How bootstrap recognises what the CloudFormation templates made: notifications by what they
/// send rather than by id, queue URLs by account and name rather than host.
@Suite struct BootstrapAfterTemplateTests {
    let arn = "arn:aws:sqs:us-east-1:123456789012:lake-dev-catalog"
    let events = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]

    @Test func notificationsCountWhateverTheirIds() {
        let wanted = S3QueueNotification(id: "swiftlake-lake-dev-catalog", queueArn: arn, events: events, prefix: nil)
        let cloudFormation = events.map { S3QueueNotification(id: "cfn-\($0)", queueArn: arn, events: [$0]) }
        #expect(AWSBootstrap.covers(cloudFormation, wanted))
        #expect(AWSBootstrap.covers([wanted], wanted))
        #expect(!AWSBootstrap.covers([cloudFormation[0]], wanted), "one event missing")
        #expect(!AWSBootstrap.covers(cloudFormation.map { var n = $0; n.prefix = "raw/"; return n }, wanted), "another prefix")
        #expect(!AWSBootstrap.covers(cloudFormation.map { var n = $0; n.suffix = ".json"; return n }, wanted), "a narrower filter")
        #expect(!AWSBootstrap.covers(cloudFormation.map { var n = $0; n.queueArn += "-other"; return n }, wanted), "another queue")
        let prefixed = S3QueueNotification(id: "x", queueArn: arn, events: events, prefix: "raw/")
        #expect(AWSBootstrap.covers([prefixed], S3QueueNotification(id: "y", queueArn: arn, events: events, prefix: "raw/")))
    }

    @Test func queueURLsCompareByAccountAndName() {
        let name = "123456789012/lake-dev-catalog"
        #expect(AWSBootstrap.sameQueue("https://sqs.us-east-1.amazonaws.com/\(name)", "http://127.0.0.1:5000/\(name)"))
        #expect(AWSBootstrap.sameQueue("https://queue.amazonaws.com/\(name)", "https://sqs.us-east-1.amazonaws.com/\(name)"))
        #expect(!AWSBootstrap.sameQueue("https://sqs.us-east-1.amazonaws.com/\(name)", "https://sqs.us-east-1.amazonaws.com/\(name)-dlq"))
        #expect(!AWSBootstrap.sameQueue("https://sqs.us-east-1.amazonaws.com/\(name)", "https://sqs.us-east-1.amazonaws.com/210987654321/lake-dev-catalog"))
        #expect(!AWSBootstrap.sameQueue("lake-dev-catalog", "other/lake-dev-catalog"))
    }
}
