import Foundation
import LakeCore

extension QueueContract {
    static func fifoChecks() -> [Check] {
        [
            Check("fifo-delivers-each-group-in-send-order") { f in
                let q = try await makeQueue(f, "order", fifo: true)
                var sent: [String: [String]] = [:]
                for batch in 0..<3 {
                    var messages: [OutgoingMessage] = []
                    for i in 0..<8 {
                        let group = i % 2 == 0 ? "g-a" : "g-b"
                        let body = "\(group)-\(batch)-\(i)"
                        sent[group, default: []].append(body)
                        messages.append(OutgoingMessage(body: body, groupId: group, deduplicationId: body))
                    }
                    try await f.subject.send(messages, to: q)
                }
                var seen: [String: [String]] = [:]
                var empty = 0
                while seen.values.map(\.count).reduce(0, +) < 24 && empty < 3 {
                    let batch = try await f.subject.receive(from: q, maxMessages: 1 + empty * 3, visibilityTimeout: nil)
                    if batch.isEmpty { empty += 1 } else { empty = 0 }
                    for m in batch { seen[m.groupId ?? "?", default: []].append(m.body) }
                    if !batch.isEmpty { try await f.subject.delete(batch.map(\.receipt), from: q) }
                }
                try ensureEqual(seen, sent, "bodies received per group")
            },
            Check("fifo-holds-a-group-while-in-flight") { f in
                let q = try await makeQueue(f, "hold", fifo: true, options: QueueOptions(visibilityTimeout: .seconds(300)))
                try await f.subject.send(
                    [
                        OutgoingMessage(body: "a1", groupId: "a", deduplicationId: "a1"),
                        OutgoingMessage(body: "a2", groupId: "a", deduplicationId: "a2"),
                        OutgoingMessage(body: "b1", groupId: "b", deduplicationId: "b1"),
                    ], to: q)
                let first = try await receiveAll(f, q, count: 1)
                try ensureEqual(first.count, 1, "first receive")
                let held = first[0].groupId
                try ensure(["a1", "b1"].contains(first[0].body), "the first message of a group comes first, got \(first[0].body)")
                var others: [ReceivedMessage] = []
                for _ in 0..<3 {
                    others += try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                }
                try ensure(!others.contains { $0.groupId == held }, "group \(held ?? "?") delivered again while in flight")
                try ensure(others.contains { $0.groupId != held }, "the other group must still deliver")
                try await f.subject.delete(first.map(\.receipt) + others.map(\.receipt), from: q)
                if held == "a" {
                    let next = try await receiveAll(f, q, count: 1)
                    try ensureEqual(next.map(\.body), ["a2"], "the held group's next message after delete")
                }
            },
            Check("fifo-holds-a-group-while-any-message-is-in-flight") { f in
                let q = try await makeQueue(f, "holdany", fifo: true, options: QueueOptions(visibilityTimeout: .seconds(300)))
                let bodies = ["m1", "m2", "m3"]
                try await f.subject.send(bodies.map { OutgoingMessage(body: $0, groupId: "g", deduplicationId: $0) }, to: q)
                var got: [ReceivedMessage] = []
                for _ in 0..<3 where got.count < 2 {
                    got += try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                }
                try ensure(got.count >= 2, "expected a run of at least 2 messages of the group, got \(got.map(\.body))")
                try ensureEqual(got.map(\.body), Array(bodies.prefix(got.count)), "the run, in order")
                // Release the head only: the rest of the run is still in flight, so the group stays held.
                try await f.subject.changeVisibility(got[0].receipt, in: q, timeout: .zero)
                let during = try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                try ensure(during.isEmpty, "delivered \(during.map(\.body)) while m2 was in flight")
                try await f.subject.delete(got.dropFirst().map(\.receipt), from: q)
                let after = try await receiveAll(f, q, count: 1)
                try ensureEqual(after.first?.body, "m1", "the released head comes back first once nothing is in flight")
            },
            Check("fifo-batch-takes-consecutive-messages-of-a-group") { f in
                let q = try await makeQueue(f, "run", fifo: true, options: QueueOptions(visibilityTimeout: .seconds(300)))
                let bodies = (1...5).map { "m\($0)" }
                try await f.subject.send(bodies.map { OutgoingMessage(body: $0, groupId: "g", deduplicationId: $0) }, to: q)
                let batch = try await receiveAll(f, q, count: 1)
                try ensure(!batch.isEmpty, "nothing received from a FIFO queue with 5 visible messages")
                let more = try await f.subject.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                let got = batch + more
                try ensureEqual(got.map(\.body), Array(bodies.prefix(got.count)), "one receive returns a run of the group from its head")
            },
            Check("fifo-redelivers-in-order-after-lease-expiry", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "redo", fifo: true, options: QueueOptions(visibilityTimeout: f.timing.lease))
                try await f.subject.send(
                    [OutgoingMessage(body: "m1", groupId: "g", deduplicationId: "m1"), OutgoingMessage(body: "m2", groupId: "g", deduplicationId: "m2")],
                    to: q)
                let first = try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil)
                try ensureEqual(first.map(\.body), ["m1"], "first receive")
                await f.time.advance(f.timing.lease + f.timing.slack)
                let again = try await receiveAll(f, q, count: 1)
                try ensureEqual(again.first?.body, "m1", "after the lease expired, the head comes back first")
                try ensureEqual(again.first?.receiveCount, 2, "receive count of the redelivered head")
            },
            Check("fifo-drops-duplicates-within-window") { f in
                let q = try await makeQueue(f, "dedup", fifo: true)
                try await f.subject.send([OutgoingMessage(body: "x", groupId: "g", deduplicationId: "d1")], to: q)
                let again = try await f.subject.send([OutgoingMessage(body: "x again", groupId: "g", deduplicationId: "d1")], to: q)
                try ensureEqual(again.count, 1, "a duplicate send is accepted and returns an id")
                try await f.subject.send([OutgoingMessage(body: "y", groupId: "g", deduplicationId: "d2")], to: q)
                try ensureEqual(try await f.subject.counts(q).total, 2, "messages stored after a duplicate send")
                try ensureEqual(try await drain(f, q, max: 3).map(\.body), ["x", "y"], "messages after a duplicate send")
            },
            Check("fifo-dedup-window-expires", tags: [.advancesTime, .longWait]) { f in
                let q = try await makeQueue(f, "dedupw", fifo: true)
                let window = QueueOptions().deduplicationWindow
                try await f.subject.send([OutgoingMessage(body: "x", groupId: "g", deduplicationId: "d1")], to: q)
                await f.time.advance(window + f.timing.slack)
                try await f.subject.send([OutgoingMessage(body: "x again", groupId: "g", deduplicationId: "d1")], to: q)
                try ensureEqual(try await f.subject.counts(q).total, 2, "messages after resending once the window passed")
            },
            Check("fifo-requires-group-id") { f in
                let q = try await makeQueue(f, "nogroup", fifo: true)
                try await ensureThrows(.usage, "FIFO send without a group id") {
                    try await f.subject.send([OutgoingMessage(body: "x", deduplicationId: "d")], to: q)
                }
            },
        ]
    }

    /// Receives and deletes until `max` messages came back or a few empty receives in a row.
    static func drain(_ f: Fixture, _ q: QueueName, max: Int) async throws -> [ReceivedMessage] {
        var got: [ReceivedMessage] = []
        var empty = 0
        while got.count < max && empty < 3 {
            let batch = try await f.subject.receive(from: q, maxMessages: min(10, max - got.count), visibilityTimeout: nil)
            if batch.isEmpty {
                empty += 1
                continue
            }
            empty = 0
            got += batch
            try await f.subject.delete(batch.map(\.receipt), from: q)
        }
        return got
    }
}
