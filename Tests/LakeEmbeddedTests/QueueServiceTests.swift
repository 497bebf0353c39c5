import Foundation
import LakeTestSupport
import LakeCore
import Synchronization
import Testing

@testable import LakeEmbedded

@Suite struct QueueServiceTests {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let url: URL

    init() throws {
        directory = try TemporaryDirectory("queue-unit")
        (clock, _) = manualTime()
        url = directory.file("queues.sqlite")
    }

    func service() throws -> SQLiteQueueService { try SQLiteQueueService(url: url, clock: clock) }

    /// Two idle services share one queue service: a send after both took their marks wakes
    /// each of them, even when the other's wait (which marks the service idle) ended first.
    @Test func oneCallersWaitDoesNotUseUpAnothersWakeUp() async throws {
        let queues = try SQLiteQueueService(url: url, clock: SystemClock())
        let q = try QueueName(validating: "wake")
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(60)))
        let first = queues.activityMark()
        let second = queues.activityMark()
        try await queues.send([OutgoingMessage(body: "m")], to: q)
        // The first caller sees it, and so does the old, shared idle mark's wait.
        let started = ContinuousClock.now
        await queues.awaitActivity(after: first, timeout: .seconds(30))
        await queues.awaitActivity(timeout: .seconds(30))
        // The second caller's wake-up is still there.
        await queues.awaitActivity(after: second, timeout: .seconds(30))
        #expect(ContinuousClock.now - started < .seconds(10), "a wait slept through a send that came after its mark")
        // Nothing new since a fresh mark: the wait runs to its timeout.
        let idle = ContinuousClock.now
        await queues.awaitActivity(after: queues.activityMark(), timeout: .milliseconds(300))
        #expect(ContinuousClock.now - idle >= .milliseconds(250))
    }

    @Test func manyTasksOnTwoInstancesNeverHoldTheSameMessage() async throws {
        let services = try [service(), service()]
        let q = try QueueName(validating: "work")
        try await services[0].createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(600)))
        let total = 400
        _ = try await services[0].sendAll((0..<total).map { OutgoingMessage(body: "m\($0)") }, to: q)
        let seen = Locked<[String: Int]>([:])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                let queue = services[worker % 2]
                group.addTask {
                    var idle = 0
                    while idle < 3 {
                        let batch = try await queue.receive(from: q, maxMessages: 1 + worker, visibilityTimeout: nil)
                        if batch.isEmpty {
                            idle += 1
                            continue
                        }
                        idle = 0
                        seen.withLock { for m in batch { $0[m.messageId, default: 0] += 1 } }
                        try await queue.delete(batch.map(\.receipt), from: q)
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = seen.value
        #expect(counts.count == total)
        #expect(counts.values.allSatisfy { $0 == 1 })
        #expect(try await services[1].counts(q).total == 0)
    }

    @Test(.blocking) func reclaimsLeasesOfProcessesThatAreGone() async throws {
        let queues = try service()
        let q = try QueueName(validating: "reclaim")
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(600)))
        try await queues.send((0..<4).map { OutgoingMessage(body: "m\($0)") }, to: q)
        let leased = try await queues.receive(from: q, maxMessages: 4, visibilityTimeout: nil)
        #expect(leased.count == 4)

        let finished = try ChildProcess.launch("/bin/true", [])
        finished.waitUntilExit()
        let me = LeaseOwner.current
        let owners = [
            LeaseOwner(host: me.host, pid: finished.processIdentifier, startTime: 1).description,  // exited
            LeaseOwner(host: me.host, pid: me.pid, startTime: me.startTime + 1).description,  // pid reused
            LeaseOwner(host: "another-host", pid: finished.processIdentifier, startTime: 1).description,  // not ours to judge
            me.description,  // alive
        ]
        for (message, owner) in zip(leased, owners) {
            try await queues.store.write("set owner") { db in
                try db.execute(sql: "UPDATE message SET lease_owner = ? WHERE id = ?", arguments: [owner, message.messageId])
            }
        }
        #expect(try await queues.reclaimOrphanedLeases() == 2)
        let back = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
        #expect(Set(back.map(\.messageId)) == Set(leased.prefix(2).map(\.messageId)))
        #expect(back.allSatisfy { $0.receiveCount == 2 })
        #expect(try await queues.reclaimOrphanedLeases() == 0)
    }

    @Test func duplicatesInOneBatchAreDropped() async throws {
        let queues = try service()
        let q = try QueueName(validating: "dups.fifo")
        try await queues.createQueue(q, options: QueueOptions())
        let ids = try await queues.send(
            [OutgoingMessage(body: "a", groupId: "g", deduplicationId: "d"), OutgoingMessage(body: "b", groupId: "g", deduplicationId: "d")], to: q)
        #expect(ids.count == 2 && ids[0] == ids[1])
        #expect(try await queues.counts(q).total == 1)
    }

    @Test func rejectsWhatSQSWouldReject() async throws {
        let queues = try service()
        let fifo = try QueueName(validating: "strict.fifo")
        let standard = try QueueName(validating: "strict")
        try await queues.createQueue(fifo, options: QueueOptions())
        try await queues.createQueue(standard, options: QueueOptions())
        await #expect(throws: LakeError.self) {
            try await queues.send([OutgoingMessage(body: "x", groupId: "g", delay: .seconds(1))], to: fifo)
        }
        let huge = String(repeating: "x", count: SQLiteQueueService.maxMessageBytes + 1)
        await #expect(throws: LakeError.self) { try await queues.send([OutgoingMessage(body: huge)], to: standard) }
        await #expect(throws: LakeError.self) {
            try await queues.createQueue(try QueueName(validating: "needs-dlq"), options: QueueOptions(maxReceiveCount: 3))
        }
        await #expect(throws: LakeError.self) {
            try await queues.createQueue(try QueueName(validating: "missing-dlq"), options: QueueOptions(maxReceiveCount: 3, deadLetterQueue: QueueName(rawValue: "nope")))
        }
        await #expect(throws: LakeError.self) {
            try await queues.createQueue(try QueueName(validating: "mixed.fifo"), options: QueueOptions(deadLetterQueue: standard))
        }
    }

    @Test func aStaleReceiptCannotTouchTheNextLease() async throws {
        let queues = try service()
        let q = try QueueName(validating: "stale")
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(10)))
        try await queues.send([OutgoingMessage(body: "x")], to: q)
        let first = try await queues.receive(from: q, maxMessages: 1, visibilityTimeout: nil)
        clock.advance(by: .seconds(11))
        let second = try await queues.receive(from: q, maxMessages: 1, visibilityTimeout: nil)
        #expect(second.first?.receiveCount == 2)
        await #expect(throws: LakeError.self) { try await queues.changeVisibility(first[0].receipt, in: q, timeout: .zero) }
        try await queues.fail(first[0], in: q, error: "late", retryAfter: .zero)
        #expect(try await queues.counts(q).inFlight == 1)
        try await queues.changeVisibility(second[0].receipt, in: q, timeout: .seconds(60))
        await #expect(throws: LakeError.self) { try await queues.delete([ReceiptHandle("not-a-receipt")], from: q) }
    }

    @Test func awaitActivityNoticesAnotherInstancesSend() async throws {
        let (waiter, sender) = (try service(), try service())
        let q = try QueueName(validating: "wake")
        try await sender.createQueue(q, options: QueueOptions())
        #expect(try await waiter.receive(from: q, maxMessages: 1, visibilityTimeout: nil).isEmpty)
        // The manual clock never moves, so only the send can end these waits.
        let woke = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await waiter.awaitActivity(timeout: .seconds(3600))
                return true
            }
            group.addTask {
                // Far below the wait's hour; generous because the whole suite loads two cores.
                try await Task.sleep(for: .seconds(60))
                return false
            }
            try await Task.sleep(for: .milliseconds(100))
            try await sender.send([OutgoingMessage(body: "hi")], to: q)
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(woke)
        // A send that happened after the last empty receive wakes a later wait at once.
        #expect(try await waiter.receive(from: q, maxMessages: 10, visibilityTimeout: nil).count == 1)
        #expect(try await waiter.receive(from: q, maxMessages: 10, visibilityTimeout: nil).isEmpty)
        try await sender.send([OutgoingMessage(body: "again")], to: q)
        await waiter.awaitActivity(timeout: .seconds(3600))
        // A caller that only waits (no receive in between) is not woken again by the same send.
        let finished = Locked(false)
        let again = Task {
            await waiter.awaitActivity(timeout: .seconds(1))
            finished.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!finished.value)
        for _ in 0..<40 where !finished.value {
            clock.advance(by: .seconds(2))
            try await Task.sleep(for: .milliseconds(50))
        }
        await again.value
        #expect(finished.value)
    }

    @Test func fifoFillsABatchWithRunsOfTheOldestGroupsAndKeepsEachInOrder() async throws {
        let queues = try service()
        let q = try QueueName(validating: "groups.fifo")
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(600)))
        var messages: [OutgoingMessage] = []
        for i in 0..<60 { messages.append(OutgoingMessage(body: "\(i % 12):\(i / 12)", groupId: "g\(i % 12)", deduplicationId: "\(i)")) }
        _ = try await queues.sendAll(messages, to: q)
        let first = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
        #expect(first.count == 10)
        // As SQS does: as many consecutive messages of one group as possible, oldest group first.
        #expect(first.map(\.body) == (0..<5).map { "0:\($0)" } + (0..<5).map { "1:\($0)" })
        var next: [String: Int] = [:]
        var batch = first
        while !batch.isEmpty {
            for m in batch {
                let parts = m.body.split(separator: ":")
                #expect(Int(parts[1]) == next[String(parts[0]), default: 0])
                next[String(parts[0]), default: 0] += 1
            }
            try await queues.delete(batch.map(\.receipt), from: q)
            batch = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
        }
        #expect(next.values.reduce(0, +) == 60)
    }
}
