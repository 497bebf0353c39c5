import Foundation
import LakeCore

extension QueueContract {
    static func deadLetterChecks() -> [Check] {
        [
            Check("delete-queue-refuses-a-dead-letter-queue-in-use-then-deletes") { f in
                let (q, dlq) = try await makePair(f, "delq", maxReceiveCount: 2, lease: f.timing.lease)
                try await f.subject.send([OutgoingMessage(body: "gone with the queue")], to: q)
                do {
                    try await f.subject.deleteQueue(dlq)
                    throw ContractViolation("deleting a dead-letter queue in use succeeded")
                } catch let error as LakeError where error.code == .conflict {
                    // Refused, as promised.
                }
                try ensure(try await f.subject.deleteQueue(q), "deleting an existing queue answers true")
                try ensure(try await f.subject.options(of: q) == nil, "a deleted queue has no options")
                try ensure(try await f.subject.deleteQueue(dlq), "its dead-letter queue can go next")
                try ensure(!(try await f.subject.deleteQueue(dlq)), "deleting a missing queue answers false")
            },
            Check("max-receive-count-moves-to-dead-letter-queue", tags: [.advancesTime]) { f in
                let (q, dlq) = try await makePair(f, "mrc", maxReceiveCount: 2, lease: f.timing.lease)
                let id = try await f.subject.send([OutgoingMessage(body: "poison", attributes: ["origin": "test"])], to: q)[0]
                for round in 1...2 {
                    let got = try await receiveAll(f, q, count: 1)
                    try ensureEqual(got.first?.receiveCount, round, "receive count on receive \(round)")
                    await f.time.advance(f.timing.lease + f.timing.slack)
                }
                try ensure(try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil).isEmpty, "a message past maxReceiveCount was delivered")
                let dead = try await receiveAll(f, dlq, count: 1)
                try ensureEqual(dead.map(\.messageId), [id], "message in the dead-letter queue")
                try ensureEqual(dead.first?.body, "poison", "body in the dead-letter queue")
                let attributes = dead.first?.attributes ?? [:]
                try ensureEqual(attributes["origin"], "test", "the message's own attributes")
                try ensureEqual(attributes[DeadLetterAttribute.sourceQueue], q.rawValue, "source queue attribute")
                try ensureEqual(attributes[DeadLetterAttribute.receiveCount], "2", "receive count attribute")
                try ensure(attributes[DeadLetterAttribute.failedAt] != nil, "failed-at attribute missing")
                try ensure(!(attributes[DeadLetterAttribute.error] ?? "").isEmpty, "error attribute missing")
            },
            Check("last-error-travels-to-dead-letter-queue", tags: [.advancesTime]) { f in
                let (q, dlq) = try await makePair(f, "lasterr", maxReceiveCount: 2, lease: f.timing.lease)
                try await f.subject.send([OutgoingMessage(body: "p")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await f.subject.fail(m[0], in: q, error: "parse error at line 3", retryAfter: .zero)
                let again = try await receiveAll(f, q, count: 1)
                try ensureEqual(again.first?.receiveCount, 2, "second receive")
                await f.time.advance(f.timing.lease + f.timing.slack)
                try ensure(try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil).isEmpty, "delivered past maxReceiveCount")
                let dead = try await receiveAll(f, dlq, count: 1)
                try ensureEqual(dead.first?.attributes[DeadLetterAttribute.error], "parse error at line 3", "error attribute")
            },
            Check("fail-dead-letters-when-receives-are-used") { f in
                let (q, dlq) = try await makePair(f, "failx", maxReceiveCount: 1, lease: .seconds(300))
                try await f.subject.send([OutgoingMessage(body: "p")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await f.subject.fail(m[0], in: q, error: "boom", retryAfter: .seconds(300))
                try ensureEqual(try await f.subject.counts(q).total, 0, "messages left in the source queue")
                let dead = try await receiveAll(f, dlq, count: 1)
                try ensureEqual(dead.map(\.messageId), m.map(\.messageId), "dead-lettered message")
                try ensureEqual(dead.first?.attributes[DeadLetterAttribute.error], "boom", "error attribute")
                try ensureEqual(dead.first?.attributes[DeadLetterAttribute.receiveCount], "1", "receive count attribute")
            },
            Check("dead-letter-moves-now-with-attributes") { f in
                let (q, dlq) = try await makePair(f, "dlnow", maxReceiveCount: nil, lease: .seconds(300), fifo: true)
                try await f.subject.send([OutgoingMessage(body: "bad", groupId: "g", deduplicationId: "1")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await f.subject.deadLetter(m[0], from: q, error: "unknown dataset demoteam/nope")
                try ensureEqual(try await f.subject.counts(q).total, 0, "messages left in the source queue")
                let dead = try await receiveAll(f, dlq, count: 1)
                try ensureEqual(dead.map(\.body), ["bad"], "dead-lettered body")
                try ensureEqual(dead.first?.groupId, "g", "group id kept")
                try ensureEqual(dead.first?.attributes[DeadLetterAttribute.error], "unknown dataset demoteam/nope", "error attribute")
                try ensureEqual(dead.first?.attributes[DeadLetterAttribute.sourceQueue], q.rawValue, "source queue attribute")
            },
            Check("dead-letter-without-dlq-is-a-queue-error") { f in
                let q = try await makeQueue(f, "nodlq", options: QueueOptions(visibilityTimeout: .seconds(300)))
                try await f.subject.send([OutgoingMessage(body: "x")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await ensureThrows(.queue, "deadLetter on a queue without a dead-letter queue") {
                    try await f.subject.deadLetter(m[0], from: q, error: "e")
                }
            },
        ]
    }

    /// A queue with a dead-letter queue (created first).
    static func makePair(
        _ f: Fixture, _ base: String, maxReceiveCount: Int?, lease: Duration, fifo: Bool = false
    ) async throws -> (QueueName, QueueName) {
        let dlq = try await makeQueue(f, base + "-dlq", fifo: fifo)
        let q = try await makeQueue(
            f, base, fifo: fifo, options: QueueOptions(visibilityTimeout: lease, maxReceiveCount: maxReceiveCount, deadLetterQueue: dlq))
        return (q, dlq)
    }

    static func delayChecks() -> [Check] {
        [
            Check("queue-delay-hides-new-messages", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "delay", options: QueueOptions(delay: f.timing.delay))
                try await f.subject.send([OutgoingMessage(body: "later")], to: q)
                try ensureEqual(try await f.subject.counts(q).delayed, 1, "delayed count")
                try ensure(try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil).isEmpty, "a delayed message was delivered early")
                await f.time.advance(f.timing.delay + f.timing.slack)
                try ensureEqual(try await receiveAll(f, q, count: 1).map(\.body), ["later"], "receive after the delay")
            },
            Check("message-delay-overrides-queue-delay", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "mdelay", options: QueueOptions(delay: f.timing.delay * 30))
                try await f.subject.send([OutgoingMessage(body: "now", delay: .zero), OutgoingMessage(body: "soon", delay: f.timing.delay)], to: q)
                try ensureEqual(try await receiveAll(f, q, count: 1).map(\.body), ["now"], "a zero-delay message on a delayed queue")
                await f.time.advance(f.timing.delay + f.timing.slack)
                try ensureEqual(try await receiveAll(f, q, count: 1).map(\.body), ["soon"], "a message with its own short delay")
            },
        ]
    }
}
