import Foundation
import LakeCore

/// The ``QueueService`` contract: every guarantee of the port's doc comment, plus edge cases.
///
/// Each check creates its own queues, named from the fixture's namespace, so checks can run
/// in parallel against one shared service. Error codes the suite demands: `.notFound` for a
/// missing queue, `.usage` for a batch outside 1...10 and a FIFO message without a group id,
/// `.conflict` for re-creating a queue with other options, `.queue` for dead-lettering without
/// a dead-letter queue.
public enum QueueContract {
    /// Every check, basic ones first.
    public static func checks() -> [ContractCheck<any QueueService>] {
        basicChecks() + leaseChecks() + fifoChecks() + deadLetterChecks() + delayChecks()
    }

    typealias Check = ContractCheck<any QueueService>
    typealias Fixture = ContractFixture<any QueueService>

    static func basicChecks() -> [Check] {
        [
            Check("create-is-idempotent-and-keeps-options") { f in
                let q = try QueueName(validating: f.unique("create"))
                let options = QueueOptions(visibilityTimeout: .seconds(45), delay: .seconds(1))
                try await f.subject.createQueue(q, options: options)
                try await f.subject.createQueue(q, options: options)
                let stored = try await f.subject.options(of: q)
                try ensureEqual(stored?.visibilityTimeout, options.visibilityTimeout, "visibility timeout read back")
                try ensureEqual(stored?.delay, options.delay, "delay read back")
                try ensureEqual(try await f.subject.listQueues(prefix: q.rawValue), [q], "queues after creating twice")
                let missing = try QueueName(validating: f.unique("missing"))
                try ensure(try await f.subject.options(of: missing) == nil, "options(of:) of a missing queue must be nil")
                try await ensureThrows(.conflict, "re-creating with another visibility timeout") {
                    try await f.subject.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(46), delay: .seconds(1)))
                }
            },
            Check("list-queues-by-prefix-sorted") { f in
                let names = ["b", "a", "c.fifo", "a-2"].map { f.unique("lq") + "-" + $0 }
                for name in names {
                    try await f.subject.createQueue(try QueueName(validating: name), options: QueueOptions())
                }
                try await f.subject.createQueue(try QueueName(validating: f.unique("other")), options: QueueOptions())
                let listed = try await f.subject.listQueues(prefix: f.unique("lq") + "-")
                try ensureEqual(listed.map(\.rawValue), names.sorted(), "queues listed by prefix")
                let one = try await f.subject.listQueues(prefix: f.unique("lq") + "-a")
                try ensureEqual(one.map(\.rawValue), names.filter { $0.hasSuffix("-a") || $0.hasSuffix("-a-2") }.sorted(), "prefix ending mid-name")
            },
            Check("send-receive-delete-round-trip") { f in
                let q = try await makeQueue(f, "rt")
                let body = "héllo \"wörld\" 你好 😊\n{\"a\": [1, 2]}"
                let attributes = ["lake.key": "raw/team/ds/my file.json", "kind": "test"]
                let before = f.time.now()
                let ids = try await f.subject.send([OutgoingMessage(body: body, attributes: attributes)], to: q)
                try ensureEqual(ids.count, 1, "ids returned by send")
                let got = try await receiveAll(f, q, count: 1)
                try ensureEqual(got.count, 1, "messages received")
                let m = got[0]
                try ensureEqual(m.messageId, ids[0], "message id")
                try ensureEqual(m.body, body, "body")
                try ensureEqual(m.attributes, attributes, "attributes")
                try ensureEqual(m.receiveCount, 1, "receive count on the first receive")
                try ensure(abs(m.sentAt.timeIntervalSince(before)) < 60, "sentAt \(m.sentAt) should be near \(before)")
                try await f.subject.delete([m.receipt], from: q)
                try ensureEqual(try await f.subject.counts(q).total, 0, "messages left after delete")
                try ensure(try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil).isEmpty, "receive after delete")
            },
            Check("settle-sends-to-several-queues-then-deletes") { f in
                let source = try await makeQueue(f, "settle-in")
                let fifo = try await makeQueue(f, "settle-fifo", fifo: true)
                let plain = try await makeQueue(f, "settle-out")
                try await f.subject.send((0..<3).map { OutgoingMessage(body: "in\($0)") }, to: source)
                let received = try await receiveAll(f, source, count: 3)
                // More than a batch of 10 to one queue, in order; a FIFO repeat dropped.
                let ordered = (0..<12).map { OutgoingMessage(body: "f\($0)", groupId: "g", deduplicationId: "d\($0)") }
                try await f.subject.settle(
                    sending: [fifo: ordered + [OutgoingMessage(body: "again", groupId: "g", deduplicationId: "d0")], plain: [OutgoingMessage(body: "p")]],
                    deleting: Array(received.prefix(2)).map(\.receipt), from: source)
                var bodies: [String] = []
                for _ in 0..<10 where bodies.count < 12 {
                    let got = try await f.subject.receive(from: fifo, maxMessages: 10, visibilityTimeout: nil)
                    bodies += got.map(\.body)
                    if !got.isEmpty { try await f.subject.delete(got.map(\.receipt), from: fifo) }
                }
                try ensureEqual(bodies, ordered.map(\.body), "a FIFO queue gets the settled messages in order, the repeat dropped")
                try ensureEqual(try await receiveAll(f, plain, count: 1).map(\.body), ["p"], "the other queue's message")
                try ensureEqual(try await f.subject.counts(source).total, 1, "messages left after settling two of three")
                try await f.subject.settle(sending: [:], deleting: [received[2].receipt], from: source)
                try ensureEqual(try await f.subject.counts(source).total, 0, "a settle that only deletes")
            },
            Check("receive-from-empty-queue-returns-nothing") { f in
                let q = try await makeQueue(f, "empty")
                try ensure(try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil).isEmpty, "receive on an empty queue")
                try ensureEqual(try await f.subject.counts(q), QueueCounts(visible: 0, inFlight: 0, delayed: 0), "counts of an empty queue")
            },
            Check("missing-queue-is-not-found") { f in
                let q = try QueueName(validating: f.unique("nosuch"))
                try await ensureThrows(.notFound, "send to a missing queue") {
                    try await f.subject.send([OutgoingMessage(body: "x")], to: q)
                }
                try await ensureThrows(.notFound, "receive from a missing queue") {
                    try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil)
                }
                try await ensureThrows(.notFound, "counts of a missing queue") { try await f.subject.counts(q) }
            },
            Check("batches-hold-one-to-ten") { f in
                let q = try await makeQueue(f, "batch")
                let eleven = (0..<11).map { OutgoingMessage(body: "m\($0)") }
                try await ensureThrows(.usage, "send of 11") { try await f.subject.send(eleven, to: q) }
                try await ensureThrows(.usage, "send of 0") { try await f.subject.send([], to: q) }
                try await ensureThrows(.usage, "receive of 11") { try await f.subject.receive(from: q, maxMessages: 11, visibilityTimeout: nil) }
                try await ensureThrows(.usage, "receive of 0") { try await f.subject.receive(from: q, maxMessages: 0, visibilityTimeout: nil) }
                let ids = try await f.subject.send(Array(eleven.prefix(10)), to: q)
                try ensureEqual(Set(ids).count, 10, "distinct ids for a batch of 10")
                let got = try await receiveAll(f, q, count: 10)
                try ensureEqual(Set(got.map(\.messageId)), Set(ids), "messages received from a batch of 10")
                try await ensureThrows(.usage, "delete of 11") {
                    try await f.subject.delete(got.map(\.receipt) + [got[0].receipt], from: q)
                }
                try await f.subject.delete(got.map(\.receipt), from: q)
                try ensureEqual(try await f.subject.counts(q).total, 0, "messages left after deleting a batch of 10")
            },
            Check("concurrent-receivers-never-share-a-message", tags: [.concurrent]) { f in
                let q = try await makeQueue(f, "conc", options: QueueOptions(visibilityTimeout: .seconds(300)))
                let total = 60
                _ = try await f.subject.sendAll((0..<total).map { OutgoingMessage(body: "m\($0)") }, to: q)
                let instances = f.instances
                let received = try await withThrowingTaskGroup(of: [String].self) { group in
                    for worker in 0..<6 {
                        let service = instances[worker % instances.count]
                        group.addTask {
                            var mine: [String] = []
                            for _ in 0..<40 {
                                let batch = try await service.receive(from: q, maxMessages: 1 + worker % 10, visibilityTimeout: nil)
                                mine += batch.map(\.messageId)
                                if batch.isEmpty { await Task.yield() }
                            }
                            return mine
                        }
                    }
                    var all: [String] = []
                    for try await ids in group { all += ids }
                    return all
                }
                try ensureEqual(received.count, Set(received).count, "deliveries (a message was leased to two receivers at once)")
                var rest = received.count
                while rest < total {
                    let more = try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                    if more.isEmpty { break }
                    try ensure(Set(more.map(\.messageId)).isDisjoint(with: received), "a leased message was received again")
                    rest += more.count
                }
                try ensureEqual(rest, total, "messages received in all")
            },
        ]
    }

    /// Creates a uniquely named queue; FIFO when `fifo`.
    static func makeQueue(_ f: Fixture, _ base: String, fifo: Bool = false, options: QueueOptions = QueueOptions()) async throws -> QueueName {
        let q = try QueueName(validating: f.unique(base) + (fifo ? ".fifo" : ""))
        try await f.subject.createQueue(q, options: options)
        return q
    }

    /// Receives until `count` messages came back or a few empty receives in a row (real services
    /// may return fewer than are visible).
    static func receiveAll(
        _ f: Fixture, _ q: QueueName, count: Int, visibilityTimeout: Duration? = nil
    ) async throws -> [ReceivedMessage] {
        var got: [ReceivedMessage] = []
        var empty = 0
        while got.count < count && empty < 3 {
            let batch = try await f.subject.receive(from: q, maxMessages: min(10, count - got.count), visibilityTimeout: visibilityTimeout)
            if batch.isEmpty { empty += 1 } else { empty = 0 }
            got += batch
        }
        return got
    }
}
