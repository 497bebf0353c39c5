import Foundation
import LakeCore
import Logging

/// SDLF step 4: stage A of one team's pipeline. Receives up to 10 objects from its level
/// queues (WLM order), and for each runs preupdate, process (the dataset's light transform,
/// outputs written to the stage zone under deterministic keys) and postupdate (object rows,
/// keys handed to stage B, execution COMPLETED), and only then deletes the message.
///
/// The bookkeeping of a received batch is written together — one transaction per phase for all
/// its objects — while transforms run concurrently; the batch's outputs are stored together,
/// behind one durability barrier (``ObjectStore/putFiles(_:consume:)``). Then one metadata
/// transaction records the outputs and completes the executions, and one queue step sends the
/// keys to stage B and deletes the batch's messages (``QueueService/settle(sending:deleting:from:)``).
/// Any failure runs the error step for that object: the execution ends FAILED naming the
/// component, and the message goes to the stage-A dead-letter queue with the error (transient
/// infrastructure errors are retried).
public struct StageAService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let unit: Topology.StageAUnit
    let leases: LeaseKeeper
    let priorities: PriorityBook
    /// This worker's scratch slots: one directory per object of a batch, created once and
    /// reused (creating and deleting directories per object is slow on ext4).
    let scratch: URL
    public var name: String { "stage-a \(unit.pipelineId)" }

    public init(env: LakeEnvironment, topology: Topology, unit: Topology.StageAUnit, leases: LeaseKeeper, priorities: PriorityBook) {
        self.env = env
        self.topology = topology
        self.unit = unit
        self.leases = leases
        self.priorities = priorities
        self.scratch = env.workDirectory.appendingPathComponent("stage-a-\(env.ids.next())", isDirectory: true)
    }

    /// One object of a batch in flight.
    struct Work: Sendable {
        var message: ReceivedMessage
        var body: StageAMessage
        var dataset: Topology.DatasetUnit?
        var record: ExecutionRecord
    }

    /// What processing one object produced.
    struct Outcome: Sendable {
        var work: Work
        /// Its slot, emptied after the batch when something may be left there.
        var slot: URL
        /// The input was copied into the slot (a store that is not a file system).
        var fetchedIntoSlot = false
        /// Transform outputs waiting in the slot for the batch's put.
        var outputs: [(file: URL, key: ObjectKey, table: String)] = []
        var objects: [ObjectRecord] = []
        var stageB: [(QueueName, OutgoingMessage)] = []
        var failure: (component: String, error: any Error)?
    }

    public func step(drain: Bool) async throws -> Bool {
        let pipelineId = PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .a)
        if let record = try await env.metadata.pipeline(id: pipelineId), record.status == .inactive {
            return false  // INACTIVE: messages wait in the queue.
        }
        let (queue, messages) = try await env.timings.measure("stage-a 1 receive") { try await receive() }
        if messages.isEmpty { return false }
        await leases.hold(messages, in: queue)
        defer { Task { [leases] in await leases.release(messages.map(\.receipt)) } }

        // Preupdate, for the whole batch.
        var works: [Work] = []
        for message in messages {
            guard let body = try? MessageCodec.decode(StageAMessage.self, message.body, queue: queue) else {
                try await env.queues.deadLetter(message, from: queue, error: "not a stage-A message")
                LakeMetrics.deadLettered(queue: unit.deadLetter, stage: .a)
                continue
            }
            let ref = DatasetRef(team: body.team, dataset: body.dataset)
            let id = StableID.make("stage-a", body.key, body.contentHash)
            let record = ExecutionRecord(
                id: id, pipeline: unit.pipelineId, stage: .a, team: body.team, dataset: body.dataset,
                startedAt: env.clock.now(), inputKeys: [body.key])
            works.append(Work(message: message, body: body, dataset: topology.datasets[ref], record: record))
        }
        for i in works.indices {
            works[i].record.record("StageA Preupdate Processing", component: "preupdate", at: env.clock.now())
        }
        let begun = try await env.timings.measure("stage-a 2 begin executions") { try await env.metadata.beginExecutions(works.map(\.record)) }
        for i in works.indices { works[i].record = begun[i] }
        LakeMetrics.started(begun)

        // Process: transforms, concurrently, each object in its own slot.
        let limit = max(1, unit.pipeline.stageA.concurrency)
        var outcomes = await env.timings.measure("stage-a 3 transform") { await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            var outcomes: [Outcome] = []
            func add() {
                let work = works[next]
                let directory = scratch.appendingPathComponent("slot-\(next)", isDirectory: true)
                group.addTask { await self.process(work, in: directory) }
                next += 1
            }
            while next < min(limit, works.count) { add() }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if next < works.count { add() }
            }
            return outcomes
        } }
        defer { for outcome in outcomes where outcome.failure != nil || outcome.fetchedIntoSlot { ScratchSlot.empty(outcome.slot) } }
        await env.timings.measure("stage-a 4 store outputs") { await storeOutputs(&outcomes) }

        // Postupdate, for every object that got this far: outputs recorded and executions
        // completed in one transaction, then the keys sent on and the messages deleted in one.
        let succeeded = outcomes.filter { $0.failure == nil }
        var finished: [ExecutionRecord] = []
        var lastRecorded = false
        do {
            var byQueue: [QueueName: [OutgoingMessage]] = [:]
            for (target, message) in succeeded.flatMap(\.stageB) { byQueue[target, default: []].append(message) }
            let end = env.clock.now()
            finished = succeeded.map { outcome in
                var record = outcome.work.record
                record.status = .completed
                record.endedAt = end
                record.record(ExecutionStatus.completed.rawValue, component: "postupdate", at: end)
                return record
            }
            let done = finished
            try await env.timings.measure("stage-a 5 finish executions") {
                try await env.metadata.finishExecutions(done, outputs: succeeded.flatMap(\.objects), pipelineId: pipelineId, at: end)
            }
            lastRecorded = !finished.isEmpty
            if !succeeded.isEmpty {
                try await env.timings.measure("stage-a 6 send and delete") {
                    try await env.queues.settle(sending: byQueue, deleting: succeeded.map(\.work.message.receipt), from: queue)
                }
            }
        } catch {
            for outcome in succeeded {
                finished.append(await fail(outcome.work.record, message: outcome.work.message, from: queue, component: "postupdate", error: error))
            }
        }
        var failed: [ExecutionRecord] = []
        for outcome in outcomes {
            guard let failure = outcome.failure else { continue }
            failed.append(await fail(outcome.work.record, message: outcome.work.message, from: queue, component: failure.component, error: failure.error))
        }
        finished += failed
        for record in finished { env.onExecutionEnd?(record) }
        // Successes recorded the pipeline's last execution with their own write; failures here.
        if !lastRecorded || !failed.isEmpty, let last = finished.max(by: { $0.startedAt < $1.startedAt }) {
            try await env.metadata.recordLastExecution(last, pipelineId: pipelineId, at: env.clock.now())
        }
        return true
    }

    /// Receives from the level queues in WLM order (highest first, aged queues one level up).
    private func receive() async throws -> (QueueName, [ReceivedMessage]) {
        let policy = AgingPolicy(wlm: env.config.wlm)
        let now = env.clock.now()
        var order: [(rank: Int, index: Int, queue: QueueName)] = []
        for (index, entry) in unit.queues.enumerated() {
            let ready = try await env.queues.readiness(entry.queue)
            guard ready.hasVisible else { continue }
            order.append((policy.rank(level: entry.level, oldestSentAt: ready.oldestSentAt, now: now), index, entry.queue))
        }
        for candidate in order.sorted(by: { ($0.rank, $0.index) < ($1.rank, $1.index) }) {
            let messages = try await env.queues.receive(from: candidate.queue, maxMessages: 10, visibilityTimeout: nil)
            if !messages.isEmpty { return (candidate.queue, messages) }
        }
        return (unit.queues.first?.queue ?? topology.names.catalog, [])
    }

    /// Runs the transform of one object in a scratch slot; its outputs wait there for the batch's put.
    private func process(_ work: Work, in slot: URL) async -> Outcome {
        var outcome = Outcome(work: work, slot: slot)
        let body = work.body
        let ref = DatasetRef(team: body.team, dataset: body.dataset)
        let outputDirectory = slot.appendingPathComponent("out", isDirectory: true)
        var component = "process"
        do {
            guard let dataset = work.dataset else {
                throw LakeError(.routing, "dataset \(ref) is no longer in lake.yaml", hint: "add it back, then `lake redrive --dataset \(ref) --stage a`")
            }
            let transform = try env.transforms.makeLight(dataset.stageATransform, options: dataset.stageAOptions, config: env.config)
            let location = ObjectLocation(.raw, try ObjectKey(body.key))
            try ScratchSlot.prepare(outputDirectory)
            let file = try await env.objects.fetch(location, into: slot)
            outcome.fetchedIntoSlot = file.standardizedFileURL.path.hasPrefix(slot.standardizedFileURL.path + "/")
            outcome.work.record.record("StageA Process Processing", component: component, at: env.clock.now())
            let outputs = try await transform.run(LightTransformInput(
                location: location, file: file, dataset: ref, table: body.table, executionId: work.record.id,
                options: dataset.stageAOptions, outputDirectory: outputDirectory, startedAt: work.record.startedAt))

            component = "postupdate"
            outcome.work.record.record("StageA Postupdate Processing", component: component, at: env.clock.now())
            for output in outputs {
                let key = try ObjectKey("\(ref.team)/\(ref.dataset)/\(output.table)/\(body.relativeFolder)\(output.name)")
                outcome.outputs.append((output.file, key, output.table))
            }
        } catch {
            outcome.failure = (component, error)
        }
        return outcome
    }

    /// Stores the outputs of every object still going, all at once (one durability barrier for
    /// the batch), then makes their object rows and stage-B messages. An object whose output
    /// could not be stored fails at postupdate; so does the whole batch when the barrier fails.
    private func storeOutputs(_ outcomes: inout [Outcome]) async {
        let going = outcomes.indices.filter { outcomes[$0].failure == nil && !outcomes[$0].outputs.isEmpty }
        let files = going.flatMap { i in outcomes[i].outputs.map { ($0.file, ObjectLocation(.stage, $0.key)) } }
        let results: [Result<ObjectInfo, any Error>]
        do {
            results = try await env.objects.putFiles(files, consume: true)
        } catch {
            for i in going { outcomes[i].failure = ("postupdate", error) }
            return
        }
        var position = 0
        for i in going {
            let stored = results[position..<(position + outcomes[i].outputs.count)]
            position += outcomes[i].outputs.count
            do {
                try await record(stored.map { try $0.get() }, in: &outcomes[i])
            } catch {
                outcomes[i].failure = ("postupdate", error)
                outcomes[i].objects = []
                outcomes[i].stageB = []
            }
        }
    }

    /// The object rows and stage-B messages of one object's stored outputs.
    private func record(_ infos: [ObjectInfo], in outcome: inout Outcome) async throws {
        let body = outcome.work.body
        let ref = DatasetRef(team: body.team, dataset: body.dataset)
        for (output, info) in zip(outcome.outputs, infos) {
            outcome.work.record.outputKeys.append(output.key.rawValue)
            outcome.objects.append(ObjectRecord(
                id: env.objects.uri(for: info.location), zone: .stage, key: output.key.rawValue, bucket: env.objects.container(of: .stage),
                size: info.size, lastModified: info.modifiedAt, timestamp: env.clock.now(), contentHash: info.contentHash,
                team: ref.team, dataset: ref.dataset, table: output.table, pipeline: unit.pipeline.name,
                pipelineStage: PipelineStage.a.label, executionId: outcome.work.record.id))
            guard let dataset = outcome.work.dataset, dataset.hasStageB else { continue }
            let level = try await priorities.level(team: ref.team, dataset: ref.dataset, table: output.table)
            guard let queue = dataset.stageBQueue(level: level) else { continue }
            let message = StageBMessage(
                key: output.key.rawValue, contentHash: info.contentHash, team: ref.team, dataset: ref.dataset,
                table: output.table, enqueuedAt: env.clock.now())
            outcome.stageB.append((queue, OutgoingMessage(body: try MessageCodec.encode(message))))
        }
    }

    /// The error step.
    private func fail(_ failed: ExecutionRecord, message: ReceivedMessage, from queue: QueueName, component: String, error: any Error) async -> ExecutionRecord {
        var record = failed
        let end = env.clock.now()
        let text = (error as? LakeError)?.message ?? "\(error)"
        record.fail(component: component, error: error, at: end)
        env.logger.error("stage A failed", metadata: ["execution": "\(record.id)", "component": "\(component)", "error": "\(text)"])
        do {
            try await env.metadata.saveExecution(record)
            if Self.isTransient(error) {
                try await env.queues.fail(message, in: queue, error: record.error ?? text, retryAfter: env.tuning.retryDelay)
            } else {
                try await env.queues.deadLetter(message, from: queue, error: record.error ?? text)
                LakeMetrics.deadLettered(queue: unit.deadLetter, stage: .a)
            }
        } catch {
            // The lease runs out and the message comes back; the error step runs again then.
            env.logger.error("stage A error step could not finish", metadata: ["execution": "\(record.id)", "error": "\(error)"])
        }
        return record
    }

    /// Storage, queue and metadata hiccups are retried; transform and data errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        guard let lake = error as? LakeError else { return false }
        return [.io, .storage, .queue, .metadata, .remote, .timeout].contains(lake.code)
    }
}

