import Foundation
import LakeAWS
import LakeCore
import Testing

/// Every SQS call of the client against moto, over the JSON protocol.
@Suite struct SQSClientTests {
    @Test func createFindListAndDescribeQueues() async throws {
        try await Moto.withTransport { transport async throws in
            let sqs = SQSClient(transport: transport)
            let prefix = Moto.unique("lq")
            let dlqURL = try await sqs.createQueue(name: "\(prefix)-dlq.fifo")
            let dlqArn = try #require(try await sqs.queueAttributes(url: dlqURL)[SQSQueueAttribute.queueArn])
            let policy = SQSRedrivePolicy(deadLetterTargetArn: dlqArn, maxReceiveCount: 3)
            let attributes = [
                SQSQueueAttribute.visibilityTimeout: "45", SQSQueueAttribute.delaySeconds: "0",
                SQSQueueAttribute.contentBasedDeduplication: "false", SQSQueueAttribute.redrivePolicy: policy.json,
            ]
            let url = try await sqs.createQueue(name: "\(prefix)-main.fifo", attributes: attributes)
            #expect(try await sqs.createQueue(name: "\(prefix)-main.fifo", attributes: attributes) == url, "idempotent")
            #expect(try await sqs.queueURL(name: "\(prefix)-main.fifo") == url)
            #expect(try await sqs.queueURL(name: "\(prefix)-absent") == nil)
            let read = try await sqs.queueAttributes(url: url)
            #expect(read[SQSQueueAttribute.visibilityTimeout] == "45")
            #expect(read[SQSQueueAttribute.fifoQueue] == "true")
            #expect(read[SQSQueueAttribute.redrivePolicy].flatMap(SQSRedrivePolicy.init(json:)) == policy)
            for index in 0..<3 { _ = try await sqs.createQueue(name: "\(prefix)-std-\(index)") }
            var names: [String] = []
            var token: String?
            repeat {
                let page = try await sqs.listQueues(prefix: prefix, maxResults: 2, nextToken: token)
                // moto 5.2 ignores MaxResults and answers one full page; AWS pages by 2 here.
                #expect(page.urls.count <= 2 || page.nextToken == nil)
                names += page.urls.map(SQSClient.queueName(fromURL:))
                token = page.nextToken
            } while token != nil
            #expect(names.sorted() == ["\(prefix)-dlq.fifo", "\(prefix)-main.fifo", "\(prefix)-std-0", "\(prefix)-std-1", "\(prefix)-std-2"])
        }
    }

    @Test func sendReceiveChangeVisibilityAndDelete() async throws {
        try await Moto.withTransport { transport async throws in
            let sqs = SQSClient(transport: transport)
            let url = try await sqs.createQueue(name: Moto.unique("msgs"), attributes: [SQSQueueAttribute.visibilityTimeout: "30"])
            let entries = (0..<10).map {
                SQSSendEntry(
                    id: String($0), body: "body \($0) ✓",
                    attributes: ["lake.kind": SQSMessageAttribute(stringValue: "test"), "n": SQSMessageAttribute(dataType: "Number", stringValue: String($0))])
            }
            let sent = try await sqs.sendMessageBatch(url: url, entries: entries)
            #expect(sent.failed.isEmpty)
            #expect(sent.messageIds.count == 10)
            var received: [SQSMessage] = []
            for _ in 0..<5 where received.count < 10 {
                received += try await sqs.receiveMessages(url: url, maxMessages: 10, visibilityTimeout: 60)
            }
            #expect(received.count == 10)
            let first = try #require(received.first)
            #expect(first.attributes?["ApproximateReceiveCount"] == "1")
            #expect(first.attributes?["SentTimestamp"].flatMap { Double($0) } != nil)
            #expect(first.messageAttributes?["lake.kind"]?.stringValue == "test")
            #expect(Set(received.map(\.body)) == Set(entries.map(\.body)))
            let counts = try await sqs.queueAttributes(url: url)
            #expect(counts[SQSQueueAttribute.approximateNumberOfMessagesNotVisible] == "10")
            try await sqs.changeMessageVisibility(url: url, receipt: first.receiptHandle, timeoutSeconds: 0)
            let again = try await sqs.receiveMessages(url: url, maxMessages: 10)
            #expect(again.map(\.messageId) == [first.messageId])
            #expect(again.first?.attributes?["ApproximateReceiveCount"] == "2")
            let receipts = received.dropFirst().map(\.receiptHandle) + again.map(\.receiptHandle)
            #expect(try await sqs.deleteMessageBatch(url: url, receipts: Array(receipts)).isEmpty)
            let after = try await sqs.queueAttributes(url: url)
            #expect(after[SQSQueueAttribute.approximateNumberOfMessages] == "0")
            #expect(after[SQSQueueAttribute.approximateNumberOfMessagesNotVisible] == "0")
        }
    }

    @Test func fifoGroupsAndDelays() async throws {
        try await Moto.withTransport { transport async throws in
            let sqs = SQSClient(transport: transport)
            let fifo = try await sqs.createQueue(name: Moto.unique("order") + ".fifo")
            let entries = (0..<4).map { SQSSendEntry(id: "e\($0)", body: "m\($0)", groupId: "team-ds", deduplicationId: "d\($0)") }
            #expect(try await sqs.sendMessageBatch(url: fifo, entries: entries).failed.isEmpty)
            let batch = try await sqs.receiveMessages(url: fifo, maxMessages: 10)
            #expect(batch.map(\.body) == ["m0", "m1", "m2", "m3"])
            #expect(batch.first?.attributes?["MessageGroupId"] == "team-ds")

            let standard = try await sqs.createQueue(name: Moto.unique("delay"))
            _ = try await sqs.sendMessageBatch(url: standard, entries: [SQSSendEntry(id: "0", body: "later", delaySeconds: 60)])
            let attributes = try await sqs.queueAttributes(url: standard)
            #expect(attributes[SQSQueueAttribute.approximateNumberOfMessagesDelayed] == "1")
            #expect(try await sqs.receiveMessages(url: standard).isEmpty)
        }
    }

    @Test func missingQueueErrorsAreRecognised() async throws {
        try await Moto.withTransport { transport async throws in
            let sqs = SQSClient(transport: transport)
            let error = try await #require(throws: LakeError.self) {
                _ = try await sqs.queueAttributes(url: transport.settings.endpoint(for: .sqs).origin + "/123456789012/nope-\(UUID())")
            }
            #expect(SQSClient.isMissingQueue(error), "code was \(error.awsCode ?? "nil")")
            #expect(error.context["operation"] == "GetQueueAttributes")
        }
    }
}
