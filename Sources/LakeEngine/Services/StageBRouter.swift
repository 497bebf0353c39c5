import Foundation
import LakeCore
import Logging

/// SDLF step 5, without its bugs: stage-B routing for one team's pipeline. Counts free slots
/// exactly (`max_concurrent` minus RUNNING executions in the metadata store), serves WLM levels
/// highest first and datasets round-robin within a level, takes up to `max_items` keys when at
/// least `min_items` wait, and starts one execution per batch. Messages stay leased, not
/// deleted, until the execution they started is durable.
public final class StageBRouter: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let unit: Topology.StageAUnit
    let datasets: [Topology.DatasetUnit]
    let leases: LeaseKeeper
    let tracker: ExecutionTracker
    let executor: StageBExecutor
    private let state = LockedValue(RouterState())

    struct RouterState {
        var nextDue: Date?
        var cursor = 0
    }

    public var name: String { "stage-b \(unit.pipelineId)" }
    var slotGroup: String { PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .b) }

    public init(
        env: LakeEnvironment, topology: Topology, unit: Topology.StageAUnit, leases: LeaseKeeper, tracker: ExecutionTracker,
        crawler: (any StageBCrawler)? = nil
    ) {
        self.env = env
        self.topology = topology
        self.unit = unit
        self.datasets = topology.sortedDatasets.filter { $0.ref.team == unit.team && $0.pipeline.name == unit.pipeline.name && $0.hasStageB }
        self.leases = leases
        self.tracker = tracker
        self.executor = StageBExecutor(env: env, unit: unit, leases: leases, crawler: crawler)
    }

    public func step(drain: Bool) async throws -> Bool {
        guard let config = unit.pipeline.stageB, !datasets.isEmpty else { return false }
        if let record = try await env.metadata.pipeline(id: slotGroup), record.status == .inactive { return false }
        let now = env.clock.now()
        if case .every(let interval) = config.trigger, !drain {
            let due = state.update { s -> Bool in
                guard let next = s.nextDue else {
                    s.nextDue = now.adding(interval)
                    return false
                }
                if now < next { return false }
                s.nextDue = now.adding(interval)
                return true
            }
            if !due { return false }
        }
        var started = false
        while true {
            let staleBefore = env.clock.now().adding(.zero - env.tuning.staleAfter)
            let running = try await env.metadata.runningCount(slotGroup: slotGroup, staleBefore: staleBefore)
            if running >= config.maxConcurrent { break }
            guard let (dataset, queue) = try await nextQueue(minItems: drain ? 1 : config.minItems) else { break }
            let messages = try await receiveBatch(from: queue, max: config.maxItems)
            if messages.isEmpty { break }
            if try await startBatch(messages, from: queue, dataset: dataset, config: config, staleBefore: staleBefore) {
                started = true
            } else {
                break
            }
        }
        return started
    }

    /// The next queue to serve: levels in order, datasets round-robin within a level.
    private func nextQueue(minItems: Int) async throws -> (Topology.DatasetUnit, QueueName)? {
        let levels = env.config.wlm.levels.isEmpty ? [env.config.wlm.defaultLevel] : env.config.wlm.levels
        let start = state.value.cursor
        for level in levels {
            for offset in 0..<datasets.count {
                let index = (start + offset) % datasets.count
                let dataset = datasets[index]
                guard let queue = dataset.stageBQueue(level: level) else { continue }
                let counts = try await env.queues.counts(queue)
                if counts.visible >= max(1, minItems) {
                    state.update { $0.cursor = (index + 1) % max(1, datasets.count) }
                    return (dataset, queue)
                }
            }
        }
        return nil
    }

    /// Receives up to `max` messages in batches of 10; counts what was received, not requested.
    private func receiveBatch(from queue: QueueName, max: Int) async throws -> [ReceivedMessage] {
        var all: [ReceivedMessage] = []
        while all.count < max {
            let got = try await env.queues.receive(from: queue, maxMessages: min(10, max - all.count), visibilityTimeout: nil)
            if got.isEmpty { break }
            all += got
            await leases.hold(got, in: queue)
        }
        return all
    }

    /// Sorts received messages into duplicates, work of a dead worker's execution to resume, and
    /// new keys; starts executions. Returns false when no slot was free after all.
    private func startBatch(
        _ messages: [ReceivedMessage], from queue: QueueName, dataset: Topology.DatasetUnit, config: StageBConfig, staleBefore: Date
    ) async throws -> Bool {
        var items: [(ReceivedMessage, StageBMessage)] = []
        var junk: [ReceivedMessage] = []
        for m in messages {
            if let body = try? MessageCodec.decode(StageBMessage.self, m.body, queue: queue) {
                items.append((m, body))
            } else {
                junk.append(m)
            }
        }
        for m in junk {
            try await env.queues.deadLetter(m, from: queue, error: "not a stage-B message")
        }
        await leases.release(junk.map(\.receipt))

        let owners = try await env.metadata.claimOwners(keys: items.map { $0.1.claimKey })
        var duplicates: [ReceivedMessage] = []
        var resume: [String: [(ReceivedMessage, StageBMessage)]] = [:]
        var fresh: [(ReceivedMessage, StageBMessage)] = []
        var seen = Set<String>()
        var ownerRecords: [String: ExecutionRecord?] = [:]
        for (m, body) in items {
            if let owner = owners[body.claimKey] {
                if ownerRecords[owner] == nil { ownerRecords[owner] = try await env.metadata.execution(id: owner) }
                let record = ownerRecords[owner] ?? nil
                switch record?.status {
                case .completed?:
                    duplicates.append(m)
                case .running? where (record?.updatedAt ?? .distantPast) >= staleBefore:
                    duplicates.append(m)
                case .running?:
                    resume[owner, default: []].append((m, body))
                default:
                    // Claim of a failed or never-started execution: free the keys.
                    try await env.metadata.releaseClaims(of: owner)
                    if seen.insert(body.claimKey).inserted { fresh.append((m, body)) } else { duplicates.append(m) }
                }
            } else if seen.insert(body.claimKey).inserted {
                fresh.append((m, body))
            } else {
                duplicates.append(m)
            }
        }
        if !duplicates.isEmpty {
            try await env.queues.deleteAll(duplicates.map(\.receipt), from: queue)
            await leases.release(duplicates.map(\.receipt))
        }
        var started = false
        for (executionId, group) in resume.sorted(by: { $0.key < $1.key }) {
            guard var record = ownerRecords[executionId] ?? nil else { continue }
            record.attempt += 1
            record.updatedAt = env.clock.now()
            record.record("StageB Resumed after a worker stopped", component: "router", at: env.clock.now())
            try await env.metadata.saveExecution(record)
            let batch = StageBBatch(record: record, queue: queue, messages: group.map(\.0), items: group.map(\.1), dataset: dataset)
            await spawn(batch, config: config)
            started = true
        }
        if fresh.isEmpty { return started || !duplicates.isEmpty }

        let executionId = env.ids.next()
        let conflicts = try await env.metadata.claim(keys: fresh.map { $0.1.claimKey }, by: executionId, at: env.clock.now())
        if !conflicts.isEmpty {
            let lost = fresh.filter { conflicts[$0.1.claimKey] != nil }.map(\.0)
            try await env.queues.deleteAll(lost.map(\.receipt), from: queue)
            await leases.release(lost.map(\.receipt))
            fresh.removeAll { conflicts[$0.1.claimKey] != nil }
            if fresh.isEmpty { return true }
        }
        let now = env.clock.now()
        var record = ExecutionRecord(
            id: executionId, pipeline: unit.pipelineId, stage: .b, team: dataset.ref.team, dataset: dataset.ref.dataset,
            startedAt: now, inputKeys: fresh.map { $0.1.key }, slotGroup: slotGroup)
        record.record("StageB Routing: batch of \(fresh.count) from \(queue)", component: "router", at: now)
        let ok = try await env.metadata.startExecution(record, slotLimit: config.maxConcurrent, staleBefore: staleBefore)
        guard ok else {
            try await env.metadata.releaseClaims(of: executionId)
            for (m, _) in fresh { try await env.queues.changeVisibility(m.receipt, in: queue, timeout: .zero) }
            await leases.release(fresh.map { $0.0.receipt })
            return started
        }
        let batch = StageBBatch(record: record, queue: queue, messages: fresh.map(\.0), items: fresh.map(\.1), dataset: dataset)
        await spawn(batch, config: config)
        return true
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
