import Foundation
import LakeCore
import Logging

/// SDLF step 4: stage A of one team's pipeline. Receives objects from the FIFO queue, runs the
/// dataset's light transform on each (preupdate, process, postupdate), writes outputs to the
/// stage zone under deterministic keys, hands them to stage B, and only then deletes the
/// message. Any failure runs the error step: the execution ends FAILED naming the component,
/// and the message goes to the stage-A dead-letter queue with the error.
public struct StageAService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let unit: Topology.StageAUnit
    let leases: LeaseKeeper
    let priorities: PriorityBook
    public var name: String { "stage-a \(unit.pipelineId)" }

    public init(env: LakeEnvironment, topology: Topology, unit: Topology.StageAUnit, leases: LeaseKeeper, priorities: PriorityBook) {
        self.env = env
        self.topology = topology
        self.unit = unit
        self.leases = leases
        self.priorities = priorities
    }

    /// Receives from the level queues in WLM order (highest first, aged queues one level up).
    private func receive() async throws -> (QueueName, [ReceivedMessage]) {
        let policy = AgingPolicy(wlm: env.config.wlm)
        let now = env.clock.now()
        var order: [(rank: Int, index: Int, queue: QueueName)] = []
        for (index, entry) in unit.queues.enumerated() {
            let counts = try await env.queues.counts(entry.queue)
            guard counts.visible > 0 else { continue }
            order.append((policy.rank(level: entry.level, oldestSentAt: counts.oldestSentAt, now: now), index, entry.queue))
        }
        for candidate in order.sorted(by: { ($0.rank, $0.index) < ($1.rank, $1.index) }) {
            let messages = try await env.queues.receive(from: candidate.queue, maxMessages: 10, visibilityTimeout: nil)
            if !messages.isEmpty { return (candidate.queue, messages) }
        }
        return (unit.queues.first?.queue ?? topology.names.catalog, [])
    }

    public func step(drain: Bool) async throws -> Bool {
        let pipelineId = PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .a)
        if let record = try await env.metadata.pipeline(id: pipelineId), record.status == .inactive {
            return false  // INACTIVE: messages wait in the queue.
        }
        let (queue, messages) = try await receive()
        if messages.isEmpty { return false }
        await leases.hold(messages, in: queue)
        let limit = max(1, unit.pipeline.stageA.concurrency)
        let results = await withTaskGroup(of: ExecutionRecord?.self) { group in
            var next = 0
            var results: [ExecutionRecord] = []
            while next < min(limit, messages.count) {
                let m = messages[next]
                group.addTask { await self.process(m, from: queue) }
                next += 1
            }
            while let finished = await group.next() {
                if let finished { results.append(finished) }
                if next < messages.count {
                    let m = messages[next]
                    group.addTask { await self.process(m, from: queue) }
                    next += 1
                }
            }
            return results
        }
        await leases.release(messages.map(\.receipt))
        if let last = results.max(by: { $0.startedAt < $1.startedAt }) {
            try await PipelineBookkeeping.recordLast(last, pipelineId: pipelineId, env: env)
        }
        return true
    }

    /// Runs one object through stage A; returns the final execution record, if one was written.
    private func process(_ message: ReceivedMessage, from queue: QueueName) async -> ExecutionRecord? {
        let work: StageAMessage
        do {
            work = try MessageCodec.decode(StageAMessage.self, message.body, queue: queue)
        } catch {
            try? await env.queues.deadLetter(message, from: queue, error: "\(error)")
            return nil
        }
        let ref = DatasetRef(team: work.team, dataset: work.dataset)
        let executionId = StableID.make("stage-a", work.key, work.contentHash)
        let now = env.clock.now()
        var record = ExecutionRecord(
            id: executionId, pipeline: unit.pipelineId, stage: .a, team: work.team, dataset: work.dataset,
            startedAt: now, inputKeys: [work.key])
        var component = "preupdate"
        let scratch = env.workDirectory.appendingPathComponent("a-\(executionId)-\(message.receiveCount)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            if let previous = try await env.metadata.execution(id: executionId) {
                record.history = previous.history
                record.attempt = previous.attempt + 1
            }
            record.record("StageA Preupdate Processing", component: component, at: now)
            try await env.metadata.saveExecution(record)

            component = "process"
            guard let dataset = topology.datasets[ref] else {
                throw LakeError(.routing, "dataset \(ref) is no longer in lake.yaml", hint: "add it back, then `lake redrive --dataset \(ref) --stage a`")
            }
            let transform = try env.transforms.makeLight(dataset.stageATransform, options: dataset.stageAOptions, config: env.config)
            let location = ObjectLocation(.raw, try ObjectKey(work.key))
            let outputDirectory = scratch.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
            let file = try await env.objects.fetch(location, into: scratch)
            record.record("StageA Process Processing", component: component, at: env.clock.now())
            let outputs = try await transform.run(LightTransformInput(
                location: location, file: file, dataset: ref, table: work.table, executionId: executionId,
                options: dataset.stageAOptions, outputDirectory: outputDirectory))

            component = "postupdate"
            record.record("StageA Postupdate Processing", component: component, at: env.clock.now())
            var objectRecords: [ObjectRecord] = []
            var stageB: [QueueName: [OutgoingMessage]] = [:]
            for output in outputs {
                let key = try ObjectKey("\(ref.team)/\(ref.dataset)/\(output.table)/\(output.name)")
                let info = try await env.objects.putFile(output.file, at: ObjectLocation(.stage, key), consume: true)
                record.outputKeys.append(key.rawValue)
                objectRecords.append(ObjectRecord(
                    id: env.objects.uri(for: info.location), zone: .stage, key: key.rawValue, bucket: env.objects.container(of: .stage),
                    size: info.size, lastModified: info.modifiedAt, timestamp: env.clock.now(), contentHash: info.contentHash,
                    team: ref.team, dataset: ref.dataset, table: output.table, pipeline: unit.pipeline.name,
                    pipelineStage: PipelineStage.a.label, executionId: executionId))
                if dataset.hasStageB {
                    let level = try await priorities.level(team: ref.team, dataset: ref.dataset, table: output.table)
                    guard let queue = dataset.stageBQueue(level: level) else { continue }
                    let body = StageBMessage(
                        key: key.rawValue, contentHash: info.contentHash, team: ref.team, dataset: ref.dataset,
                        table: output.table, enqueuedAt: env.clock.now())
                    stageB[queue, default: []].append(OutgoingMessage(body: try MessageCodec.encode(body)))
                }
            }
            try await env.metadata.upsertObjects(objectRecords)
            for (queue, outgoing) in stageB { try await env.queues.sendAll(outgoing, to: queue) }
            let end = env.clock.now()
            record.status = .completed
            record.endedAt = end
            record.record(ExecutionStatus.completed.rawValue, component: component, at: end)
            try await env.metadata.saveExecution(record)
            try await env.queues.delete([message.receipt], from: queue)
            env.onExecutionEnd?(record)
            return record
        } catch {
            return await fail(record, message: message, from: queue, component: component, error: error)
        }
    }

    /// The error step.
    private func fail(_ failed: ExecutionRecord, message: ReceivedMessage, from queue: QueueName, component: String, error: any Error) async -> ExecutionRecord {
        var record = failed
        let end = env.clock.now()
        let text = (error as? LakeError)?.message ?? "\(error)"
        record.status = .failed
        record.endedAt = end
        record.error = "\(component): \(text)"
        record.record(ExecutionStatus.failed.rawValue, component: "error", at: end)
        env.logger.error("stage A failed", metadata: ["execution": "\(record.id)", "component": "\(component)", "error": "\(text)"])
        do {
            try await env.metadata.saveExecution(record)
            if Self.isTransient(error) {
                try await env.queues.fail(message, in: queue, error: record.error ?? text, retryAfter: env.tuning.retryDelay)
            } else {
                try await env.queues.deadLetter(message, from: queue, error: record.error ?? text)
            }
        } catch {
            // The lease runs out and the message comes back; the error step runs again then.
            env.logger.error("stage A error step could not finish", metadata: ["execution": "\(record.id)", "error": "\(error)"])
        }
        env.onExecutionEnd?(record)
        return record
    }

    /// Storage, queue and metadata hiccups are retried; transform and data errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        guard let lake = error as? LakeError else { return false }
        return [.io, .storage, .queue, .metadata, .remote, .timeout].contains(lake.code)
    }
}

/// Keeps a pipeline row's "last execution" fields current.
enum PipelineBookkeeping {
    static func recordLast(_ record: ExecutionRecord, pipelineId: String, env: LakeEnvironment) async throws {
        guard var pipeline = try await env.metadata.pipeline(id: pipelineId) else { return }
        pipeline.lastExecutionId = record.id
        pipeline.lastExecutionDate = record.startedAt
        pipeline.lastExecutionStatus = record.status
        pipeline.lastExecutionDurationSeconds = record.durationSeconds
        pipeline.updatedAt = env.clock.now()
        try await env.metadata.upsertPipeline(pipeline)
    }
}
