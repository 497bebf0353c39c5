import Foundation
import LakeCore
import Logging

/// Stage-B routing for one team's pipeline: SDLF step 5 with the WLM extension, minus the
/// reference's bugs (DESIGN §3.3). Each tick:
/// 1. free slots = `max_concurrent` minus this pipeline's RUNNING executions, counted exactly in
///    the metadata store (and the optional global cap across pipelines);
/// 2. among the datasets' level queues with at least `min_items` visible messages, serve the
///    highest level first — a queue whose oldest message waited past its level's `max_wait`
///    counts one level up — and datasets round-robin within a level;
/// 3. receive up to `max_items` messages (counting what arrived, not what was asked), split them
///    into one batch per table (or per message), and start one execution per batch while slots
///    last. The start is atomic against the caps, so several workers never exceed them.
/// Messages stay leased, never deleted, until the execution they started is durable.
public final class StageBRouter: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let unit: Topology.StageAUnit
    let datasets: [Topology.DatasetUnit]
    let leases: LeaseKeeper
    let tracker: ExecutionTracker
    let executor: StageBExecutor
    let priorities: PriorityBook
    private let state = LockedValue(RouterState())

    struct RouterState {
        var nextDue: Date?
        /// Round-robin position per rank.
        var cursors: [Int: Int] = [:]
        /// For backends that cannot tell a queue's oldest message (SQS): since when each queue
        /// has had visible messages, lowered to the newest key served from it. A conservative
        /// stand-in for the oldest message's age: aging may fire early, never late.
        var waitingSince: [QueueName: Date] = [:]
    }

    /// One level queue that has work.
    struct Candidate {
        var dataset: Int
        var level: String
        var levelIndex: Int
        var queue: QueueName
        var rank: Int
        var oldest: Date?
        /// Messages ready in `queue` when it was picked.
        var visible: Int
    }

    public var name: String { "stage-b \(unit.pipelineId)" }
    var slotGroup: String { PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .b) }

    public init(
        env: LakeEnvironment, topology: Topology, unit: Topology.StageAUnit, leases: LeaseKeeper, tracker: ExecutionTracker,
        priorities: PriorityBook, crawler: (any StageBCrawler)? = nil
    ) {
        self.env = env
        self.topology = topology
        self.unit = unit
        self.datasets = topology.sortedDatasets.filter { $0.ref.team == unit.team && $0.pipeline.name == unit.pipeline.name && $0.hasStageB }
        self.leases = leases
        self.tracker = tracker
        self.priorities = priorities
        self.executor = StageBExecutor(env: env, unit: unit, leases: leases, crawler: crawler)
    }

    public func step(drain: Bool) async throws -> Bool {
        guard let config = unit.pipeline.stageB, !datasets.isEmpty else { return false }
        if let record = try await env.metadata.pipeline(id: slotGroup), record.status == .inactive { return false }
        if case .every(let interval) = config.trigger, !drain, !isDue(interval) { return false }
        var started = false
        var exhausted = Set<QueueName>()
        while true {
            let now = env.clock.now()
            let staleBefore = now.adding(.zero - env.tuning.staleAfter)
            var free = config.maxConcurrent - (try await env.metadata.runningCount(slotGroup: slotGroup, staleBefore: staleBefore))
            if free <= 0 { break }
            guard let candidate = try await pick(minItems: drain ? 1 : config.minItems, now: now, skipping: exhausted) else { break }
            if !drain, config.trigger == .event, try await shouldLinger(candidate, maxItems: config.maxItems, now: now) {
                exhausted.insert(candidate.queue)
                continue
            }
            let dataset = datasets[candidate.dataset]
            let want = config.batching == .perMessage ? min(config.maxItems, free) : config.maxItems
            let messages = try await env.timings.measure("stage-b 0 router receive") { try await receive(from: candidate.queue, max: want) }
            if messages.isEmpty {
                exhausted.insert(candidate.queue)
                continue
            }
            var batches = try await split(messages, from: candidate.queue, batching: config.batching)
            served(candidate.queue, newest: batches.flatMap { $0.map(\.1.enqueuedAt) }.max())
            while !batches.isEmpty {
                let batch = batches.removeFirst()
                if free <= 0 {
                    try await handBack(batch.map(\.0), to: candidate.queue)
                    continue
                }
                let outcome = try await env.timings.measure("stage-b 0 router claim and start") {
                    try await startBatch(batch, from: candidate.queue, level: candidate.level, dataset: dataset, config: config, staleBefore: staleBefore)
                }
                switch outcome {
                case .started:
                    started = true
                    free -= 1
                case .nothingToStart:
                    started = true
                case .full:
                    free = 0
                }
            }
            if free <= 0 { break }
        }
        return started
    }

    private func isDue(_ interval: Duration) -> Bool {
        let now = env.clock.now()
        return state.update { s -> Bool in
            guard let next = s.nextDue else {
                s.nextDue = now.adding(interval)
                return false
            }
            if now < next { return false }
            s.nextDue = now.adding(interval)
            return true
        }
    }

    /// The next queue to serve: best rank first; datasets round-robin within a rank; within a
    /// dataset, the queue whose oldest message is oldest.
    func pick(minItems: Int, now: Date, skipping: Set<QueueName>) async throws -> Candidate? {
        let policy = AgingPolicy(wlm: env.config.wlm)
        var candidates: [Candidate] = []
        for (index, dataset) in datasets.enumerated() {
            for (levelIndex, entry) in dataset.stageBQueues.enumerated() where !skipping.contains(entry.queue) {
                let counts = try await env.queues.counts(entry.queue)
                let oldest = counts.oldestSentAt ?? trackWaiting(entry.queue, visible: counts.visible, now: now)
                guard counts.visible >= max(1, minItems) else { continue }
                candidates.append(Candidate(
                    dataset: index, level: entry.level, levelIndex: levelIndex, queue: entry.queue,
                    rank: policy.rank(level: entry.level, oldestSentAt: oldest, now: now), oldest: oldest, visible: counts.visible))
            }
        }
        guard let best = candidates.map(\.rank).min() else { return nil }
        let atRank = candidates.filter { $0.rank == best }
        let cursor = state.value.cursors[best] ?? 0
        let count = datasets.count
        func distance(_ dataset: Int) -> Int { (dataset - cursor + count) % count }
        let chosenDataset = atRank.map(\.dataset).min { distance($0) < distance($1) } ?? 0
        let choice = atRank.filter { $0.dataset == chosenDataset }.min { a, b in
            let oldestA: Date = a.oldest ?? .distantFuture
            let oldestB: Date = b.oldest ?? .distantFuture
            return oldestA != oldestB ? oldestA < oldestB : a.levelIndex < b.levelIndex
        }
        state.update { $0.cursors[best] = (chosenDataset + 1) % max(1, count) }
        return choice
    }

    /// True when a partial batch should wait for more keys: stage A of this pipeline still has
    /// work and the oldest waiting key is younger than the batch window.
    private func shouldLinger(_ candidate: Candidate, maxItems: Int, now: Date) async throws -> Bool {
        if candidate.visible >= maxItems { return false }
        if let oldest = candidate.oldest, now.timeIntervalSince(oldest) >= env.tuning.batchWindow.seconds { return false }
        // Stage A has work when a message is ready (cheap to tell on a deep queue) or in flight.
        for (_, queue) in unit.queues {
            if try await env.queues.readiness(queue).hasVisible { return true }
            if try await env.queues.counts(queue).total > 0 { return true }
        }
        return false
    }

    /// The router-side estimate of a queue's oldest message (see ``RouterState/waitingSince``).
    private func trackWaiting(_ queue: QueueName, visible: Int, now: Date) -> Date? {
        state.update { s -> Date? in
            guard visible > 0 else {
                s.waitingSince[queue] = nil
                return nil
            }
            if let since = s.waitingSince[queue] { return since }
            s.waitingSince[queue] = now
            return now
        }
    }

    /// After serving a queue, what is left there is no older than the newest key served.
    private func served(_ queue: QueueName, newest: Date?) {
        guard let newest else { return }
        state.update { s in
            if let since = s.waitingSince[queue], since < newest { s.waitingSince[queue] = newest }
        }
    }

    /// Receives up to `max` messages in batches of 10; counts what was received, not requested.
    private func receive(from queue: QueueName, max: Int) async throws -> [ReceivedMessage] {
        var all: [ReceivedMessage] = []
        while all.count < max {
            let got = try await env.queues.receive(from: queue, maxMessages: min(10, max - all.count), visibilityTimeout: nil)
            if got.isEmpty { break }
            all += got
            await leases.hold(got, in: queue)
        }
        return all
    }

    /// One batch per table (oldest first), or one per message. A message whose body is not a
    /// stage-B message goes to the stage-B dead-letter queue with the reason (left leased, it
    /// would come back forever).
    private func split(_ messages: [ReceivedMessage], from queue: QueueName, batching: StageBBatching) async throws -> [[(ReceivedMessage, StageBMessage)]] {
        var items: [(ReceivedMessage, StageBMessage)] = []
        for m in messages {
            do {
                items.append((m, try MessageCodec.decode(StageBMessage.self, m.body, queue: queue)))
            } catch {
                try await deadLetterUnreadable(m, from: queue, error: error)
            }
        }
        switch batching {
        case .perMessage:
            return items.map { [$0] }
        case .perTable:
            let groups = Dictionary(grouping: items) { $0.1.table }.values.map { Array($0) }
            return groups.sorted { a, b in
                (a.map(\.1.enqueuedAt).min() ?? .distantFuture) < (b.map(\.1.enqueuedAt).min() ?? .distantFuture)
            }
        }
    }

    /// Moves an unreadable message to the dataset's stage-B dead-letter queue with the reason.
    private func deadLetterUnreadable(_ message: ReceivedMessage, from queue: QueueName, error: any Error) async throws {
        await leases.release([message.receipt])
        let reason = "router: " + ((error as? LakeError)?.message ?? "\(error)")
            + " (\(LakeError.Code.badMessage.rawValue); it was probably sent by another tool: inspect it in the dead-letter queue and delete it)"
        env.logger.error("stage B: unreadable message dead-lettered", metadata: ["queue": "\(queue)", "message": "\(message.messageId)"])
        try await env.queues.deadLetter(message, from: queue, error: reason)
        let deadLetter = datasets.first { $0.stageBQueues.contains { $0.queue == queue } }?.stageBDeadLetter ?? queue
        LakeMetrics.deadLettered(queue: deadLetter, stage: .b)
        let dataset = datasets.first { $0.stageBQueues.contains { $0.queue == queue } }?.ref
        env.onNotification?(LakeNotification(
            kind: .deadLettered, team: dataset?.team, dataset: dataset?.dataset, stage: "b", errorCode: LakeError.Code.badMessage.rawValue,
            message: reason, hint: "inspect the message in \(deadLetter) and delete it", at: env.clock.now()))
        try? await env.metadata.recordEvent(EventRecord(
            id: env.ids.next(), at: env.clock.now(), kind: "stage-b.bad-message", message: reason,
            details: ["queue": queue.rawValue, "message": message.messageId]))
    }

    /// Gives messages back to their queue at once (no slot for them this tick).
    private func handBack(_ messages: [ReceivedMessage], to queue: QueueName) async throws {
        await leases.release(messages.map(\.receipt))
        for m in messages { try await env.queues.changeVisibility(m.receipt, in: queue, timeout: .zero) }
    }

    enum StartOutcome { case started, nothingToStart, full }

    /// Sorts a batch's messages into duplicates, work of a dead worker's execution to resume,
    /// and new keys; starts the execution. See docs/DELIVERY.md.
    private func startBatch(
        _ items: [(ReceivedMessage, StageBMessage)], from queue: QueueName, level: String, dataset: Topology.DatasetUnit,
        config: StageBConfig, staleBefore: Date
    ) async throws -> StartOutcome {
        let owners = try await env.metadata.claimOwners(keys: items.map { $0.1.claimKey })
        var duplicates: [ReceivedMessage] = []
        var later: [(ReceivedMessage, retryIn: Duration)] = []
        var resume: [String: [(ReceivedMessage, StageBMessage)]] = [:]
        var fresh: [(ReceivedMessage, StageBMessage)] = []
        var seen = Set<String>()
        let ownerRecords = owners.isEmpty ? [:] : try await env.metadata.executions(ids: Array(Set(owners.values)))
        for (m, body) in items {
            guard let owner = owners[body.claimKey] else {
                if seen.insert(body.claimKey).inserted { fresh.append((m, body)) } else { duplicates.append(m) }
                continue
            }
            let record = ownerRecords[owner]
            switch record?.status {
            case .completed?:
                duplicates.append(m)
            case .running? where record.map({ WorkerLiveness.isLive($0, staleBefore: staleBefore) }) ?? false:
                // A live execution owns the key. This copy comes back after the owner's
                // heartbeat would go stale: deleted then if the owner completed, resumed if
                // its worker stopped. (Deleting it now would lose the key if the worker died.)
                let heartbeat = record?.updatedAt ?? env.clock.now()
                later.append((m, WorkerLiveness.recheckDelay(heartbeat: heartbeat, staleBefore: staleBefore)))
            case .running?:
                resume[owner, default: []].append((m, body))
            default:
                // Claim of a failed or never-started execution: free the keys.
                try await env.metadata.releaseClaims(of: owner)
                if seen.insert(body.claimKey).inserted { fresh.append((m, body)) } else { duplicates.append(m) }
            }
        }
        if !duplicates.isEmpty {
            try await env.queues.deleteAll(duplicates.map(\.receipt), from: queue)
            await leases.release(duplicates.map(\.receipt))
        }
        if !later.isEmpty {
            await leases.release(later.map(\.0.receipt))
            for (m, delay) in later { try await env.queues.changeVisibility(m.receipt, in: queue, timeout: delay) }
        }
        var outcome = StartOutcome.nothingToStart
        for (executionId, group) in resume.sorted(by: { $0.key < $1.key }) {
            guard var record = ownerRecords[executionId] else { continue }
            record.attempt += 1
            record.updatedAt = env.clock.now()
            record.details[WorkerLiveness.detailKey] = ProcessIdentity.current.description
            record.record("StageB Resumed after a worker stopped", component: "router", at: env.clock.now())
            let batch = StageBBatch(record: record, queue: queue, messages: group.map(\.0), items: group.map(\.1), dataset: dataset)
            if record.attempt > env.tuning.maxAttempts {
                await executor.giveUp(batch, reason: "the execution was started \(record.attempt - 1) times and its worker stopped each time")
                continue
            }
            try await env.metadata.saveExecution(record)
            await spawn(batch, config: config)
            outcome = .started
        }
        if fresh.isEmpty { return outcome }

        let executionId = env.ids.next()
        let conflicts = try await env.metadata.claim(keys: fresh.map { $0.1.claimKey }, by: executionId, at: env.clock.now())
        if !conflicts.isEmpty {
            let lost = fresh.filter { conflicts[$0.1.claimKey] != nil }.map(\.0)
            try await env.queues.deleteAll(lost.map(\.receipt), from: queue)
            await leases.release(lost.map(\.receipt))
            fresh.removeAll { conflicts[$0.1.claimKey] != nil }
            if fresh.isEmpty { return outcome }
        }
        let now = env.clock.now()
        var record = ExecutionRecord(
            id: executionId, pipeline: unit.pipelineId, stage: .b, team: dataset.ref.team, dataset: dataset.ref.dataset,
            startedAt: now, inputKeys: fresh.map { $0.1.key }, slotGroup: slotGroup)
        let waits = fresh.map { max(0, now.timeIntervalSince($0.1.enqueuedAt)) }
        record.details["level"] = level
        record.details[WorkerLiveness.detailKey] = ProcessIdentity.current.description
        record.details["waitSeconds"] = waits.map { String(format: "%.3f", $0) }.joined(separator: ",")
        record.details["tables"] = Set(fresh.map(\.1.table)).sorted().joined(separator: ",")
        record.record("StageB Routing: \(fresh.count) key(s) from \(queue)", component: "router", at: now)
        let ok = try await env.metadata.startExecution(
            record, slotLimit: config.maxConcurrent, globalLimit: env.config.wlm.globalMaxConcurrent, staleBefore: staleBefore)
        guard ok else {
            // Another worker took the last slot: give the new keys back for a later tick.
            try await env.metadata.releaseClaims(of: executionId)
            try await handBack(fresh.map(\.0), to: queue)
            return .full
        }
        // The execution runs from when it holds its slot. A start stamped before waiting for the
        // metadata store could come before the end of the execution whose slot it took; the
        // executor's first save writes this one.
        let slotted = env.clock.now()
        if slotted > record.startedAt {
            record.startedAt = slotted
            record.updatedAt = slotted
        }
        LakeMetrics.started([record])
        LakeMetrics.waited(waits, dataset: dataset.ref, level: level)
        let batch = StageBBatch(record: record, queue: queue, messages: fresh.map(\.0), items: fresh.map(\.1), dataset: dataset)
        await spawn(batch, config: config)
        return .started
    }

    private func spawn(_ batch: StageBBatch, config: StageBConfig) async {
        let executor = self.executor
        await tracker.spawn(batch.record.id) {
            await executor.run(batch, config: config)
        }
    }
}

/// A batch a stage-B execution works on: its record, the leased messages and their keys.
struct StageBBatch: Sendable {
    var record: ExecutionRecord
    var queue: QueueName
    var messages: [ReceivedMessage]
    var items: [StageBMessage]
    var dataset: Topology.DatasetUnit
}
