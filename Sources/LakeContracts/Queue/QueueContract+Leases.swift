import Foundation
import LakeCore

extension QueueContract {
    static func leaseChecks() -> [Check] {
        [
            Check("lease-hides-message-until-timeout", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "lease", options: QueueOptions(visibilityTimeout: f.timing.lease))
                let id = try await f.subject.send([OutgoingMessage(body: "work")], to: q)[0]
                let leasedAt = ContinuousClock.now
                let first = try await receiveAll(f, q, count: 1)
                try ensureEqual(first.map(\.messageId), [id], "first receive")
                for instance in f.instances {
                    let again = try await instance.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
                    // Against a real clock (SQS), a server slow enough to let the lease run out
                    // in between proves nothing either way; within the lease it must hold.
                    if ContinuousClock.now - leasedAt < f.timing.lease {
                        try ensure(again.isEmpty, "a leased message was received again")
                    } else if !again.isEmpty {
                        return
                    }
                }
                let inFlight = try await f.subject.counts(q).inFlight
                if ContinuousClock.now - leasedAt < f.timing.lease {
                    // Only an answer that came back within the lease says anything (as above).
                    try ensureEqual(inFlight, 1, "in-flight count while leased")
                }
                await f.time.advance(f.timing.lease + f.timing.slack)
                let second = try await receiveAll(f, q, count: 1)
                try ensureEqual(second.map(\.messageId), [id], "receive after the lease expired")
                try ensureEqual(second.first?.receiveCount, 2, "receive count on the second receive")
                try ensure(second.first?.receipt != first[0].receipt, "each receive must give a new receipt")
                try await f.subject.delete([first[0].receipt], from: q)
                try ensureEqual(try await f.subject.counts(q).total, 1, "messages left after deleting with a stale receipt")
                try await f.subject.delete([second[0].receipt], from: q)
                try ensureEqual(try await f.subject.counts(q).total, 0, "messages left after deleting with the current receipt")
            },
            Check("visibility-timeout-can-be-set-per-receive", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "vto", options: QueueOptions(visibilityTimeout: f.timing.lease * 30))
                try await f.subject.send([OutgoingMessage(body: "a"), OutgoingMessage(body: "b")], to: q)
                let short = try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: f.timing.lease)
                try ensureEqual(short.count, 1, "messages received with a short lease")
                let long = try await receiveAll(f, q, count: 1)
                try ensureEqual(long.count, 1, "messages received with the queue's lease")
                await f.time.advance(f.timing.lease + f.timing.slack)
                let again = try await receiveAll(f, q, count: 2)
                try ensureEqual(again.map(\.messageId), short.map(\.messageId), "only the short-leased message is back")
            },
            Check("change-visibility-extends-and-releases", tags: [.advancesTime]) { f in
                let lease = f.timing.lease
                let q = try await makeQueue(f, "chv", options: QueueOptions(visibilityTimeout: lease))
                try await f.subject.send([OutgoingMessage(body: "a")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await f.subject.changeVisibility(m[0].receipt, in: q, timeout: lease * 3)
                await f.time.advance(lease + f.timing.slack)
                try ensure(try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil).isEmpty, "an extended lease ended early")
                try await f.subject.changeVisibility(m[0].receipt, in: q, timeout: .zero)
                let back = try await receiveAll(f, q, count: 1)
                try ensureEqual(back.map(\.messageId), m.map(\.messageId), "receive after changeVisibility(0)")
                try ensureEqual(back.first?.receiveCount, 2, "receive count after release")
            },
            Check("counts-track-visible-in-flight-and-delayed", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "cnt", options: QueueOptions(visibilityTimeout: f.timing.lease * 30))
                try await f.subject.send([OutgoingMessage(body: "a"), OutgoingMessage(body: "b"), OutgoingMessage(body: "c")], to: q)
                try await f.subject.send([OutgoingMessage(body: "later", delay: f.timing.delay * 30)], to: q)
                let got = try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil)
                try ensureEqual(got.count, 1, "received")
                let counts = try await f.subject.counts(q)
                try ensureEqual(
                    QueueCounts(visible: counts.visible, inFlight: counts.inFlight, delayed: counts.delayed),
                    QueueCounts(visible: 2, inFlight: 1, delayed: 1), "counts")
                // Backends that report the oldest visible message's send time must report a time
                // no later than now (the visible messages were sent before this call).
                if let oldest = counts.oldestSentAt {
                    try ensure(oldest <= f.time.now(), "oldestSentAt \(oldest) is in the future")
                }
            },
            Check("readiness-agrees-with-counts") { f in
                let q = try await makeQueue(f, "ready", options: QueueOptions(visibilityTimeout: f.timing.lease * 30))
                let empty = try await f.subject.readiness(q)
                try ensure(!empty.hasVisible && empty.oldestSentAt == nil, "an empty queue has nothing ready")
                try await f.subject.send([OutgoingMessage(body: "later", delay: f.timing.delay * 30)], to: q)
                try ensure(!(try await f.subject.readiness(q).hasVisible), "a delayed message is not ready")
                try await f.subject.send([OutgoingMessage(body: "a"), OutgoingMessage(body: "b")], to: q)
                _ = try await receiveAll(f, q, count: 1)
                let ready = try await f.subject.readiness(q)
                let counts = try await f.subject.counts(q)
                try ensure(ready.hasVisible, "one of two messages is still ready")
                try ensureEqual(ready.oldestSentAt, counts.oldestSentAt, "oldest ready send time, as counts reports it")
                _ = try await receiveAll(f, q, count: 1)
                try ensure(!(try await f.subject.readiness(q).hasVisible), "nothing ready once both are leased")
            },
            Check("fail-returns-message-after-retry-delay", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "fail", options: QueueOptions(visibilityTimeout: f.timing.lease * 30))
                try await f.subject.send([OutgoingMessage(body: "a")], to: q)
                let m = try await receiveAll(f, q, count: 1)
                try ensureEqual(m.count, 1, "first receive")
                try await f.subject.fail(m[0], in: q, error: "transient", retryAfter: f.timing.lease)
                try ensure(try await f.subject.receive(from: q, maxMessages: 1, visibilityTimeout: nil).isEmpty, "visible before retryAfter")
                await f.time.advance(f.timing.lease + f.timing.slack)
                let back = try await receiveAll(f, q, count: 1)
                try ensureEqual(back.map(\.messageId), m.map(\.messageId), "receive after retryAfter")
                try ensureEqual(back.first?.receiveCount, 2, "receive count after a failure")
            },
            Check("await-activity-returns-on-send-or-timeout", tags: [.advancesTime]) { f in
                let q = try await makeQueue(f, "wake")
                let service = f.subject
                let timeout = f.timing.lease
                let woken = try await returnsWhileAdvancing(f, step: timeout + f.timing.slack) {
                    await service.awaitActivity(timeout: timeout)
                } meanwhile: {
                    try await service.send([OutgoingMessage(body: "wake up")], to: q)
                }
                try ensure(woken, "awaitActivity did not return after a send and its timeout")
                let idle = try await returnsWhileAdvancing(f, step: timeout + f.timing.slack) {
                    await service.awaitActivity(timeout: timeout)
                } meanwhile: {}
                try ensure(idle, "awaitActivity did not return after its timeout")
            },
        ]
    }

    /// Starts `body`, runs `meanwhile`, then advances time by `step` up to 5 times until `body`
    /// returns; true when it did. (A manual clock's sleeper may register after an advance, hence
    /// the repeats.)
    static func returnsWhileAdvancing(
        _ f: Fixture, step: Duration, _ body: @escaping @Sendable () async -> Void, meanwhile: () async throws -> Void
    ) async throws -> Bool {
        let done = DoneFlag()
        let task = Task {
            await body()
            done.set()
        }
        try await meanwhile()
        for _ in 0..<5 {
            await f.time.advance(step)
            for _ in 0..<50 where !done.isSet {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if done.isSet { return true }
        }
        task.cancel()
        return false
    }
}
