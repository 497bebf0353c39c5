import Foundation
import LakeCore
import Logging

/// SDLF step 4: stage A of one team's pipeline. Receives up to 10 messages from its level
/// queues (WLM order), each naming one or more objects of a dataset, and for each object runs
/// preupdate, process (the dataset's light transform, outputs written to the stage zone under
/// deterministic keys) and postupdate (object rows, keys handed to stage B, execution
/// COMPLETED), and only then deletes the message.
///
/// The bookkeeping of a received batch is written together — one transaction per phase for all
/// its objects — while transforms run concurrently; the batch's outputs are stored together,
/// behind one durability barrier (``ObjectStore/putFiles(_:consume:)``). Then one metadata
/// transaction records the outputs and completes the executions, and one queue step sends the
/// keys to stage B and deletes the batch's messages (``QueueService/settle(sending:deleting:from:)``).
/// Any failure runs the error step for that object: the execution ends FAILED naming the
/// component, and the object goes to the stage-A dead-letter queue with the error, in a
/// message of its own; its message's other objects complete. A transient infrastructure error
/// instead returns the whole message for a retry (its completed objects run again, to the
/// same names).
public struct StageAService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let unit: Topology.StageAUnit
    let leases: LeaseKeeper
    let priorities: PriorityBook
    /// This worker's scratch slots: one directory per object of a batch, created once and
    /// reused (creating and deleting directories per object is slow on ext4).
    let scratch: URL
    /// Messages one receive takes: 10 (SQS's most) shared among the pipeline's datasets, so
    /// with several datasets a receive takes about one dataset's round and the other lanes
    /// (and workers) take the others', rather than one lane taking every dataset's head.
    let messagesPerReceive: Int
    public var name: String { "stage-a \(unit.pipelineId)" }

    public init(env: LakeEnvironment, topology: Topology, unit: Topology.StageAUnit, leases: LeaseKeeper, priorities: PriorityBook) {
        self.env = env
        self.topology = topology
        self.unit = unit
        self.leases = leases
        self.priorities = priorities
        self.scratch = env.workDirectory.appendingPathComponent("stage-a-\(env.ids.next())", isDirectory: true)
        let datasets = topology.datasets.values.filter { $0.ref.team == unit.team && $0.pipeline.name == unit.pipeline.name }.count
        self.messagesPerReceive = max(1, 10 / max(1, datasets))
    }

    /// One object of a batch in flight.
    struct Work: Sendable {
        /// Position in the batch.
        var index: Int
        var message: ReceivedMessage
        /// Position of `message` in the batch.
        var messageIndex: Int
        var body: StageAMessage
        var object: StageAMessage.Object
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

        // Preupdate, for the whole batch: one execution per object.
        var works: [Work] = []
        for (index, message) in messages.enumerated() {
            guard let body = try? MessageCodec.decode(StageAMessage.self, message.body, queue: queue) else {
                try await env.queues.deadLetter(message, from: queue, error: "not a stage-A message")
                LakeMetrics.deadLettered(queue: unit.deadLetter, stage: .a)
                continue
            }
            let ref = DatasetRef(team: body.team, dataset: body.dataset)
            let now = env.clock.now()
            for object in body.objects {
                var record = ExecutionRecord(
                    id: StableID.make("stage-a", object.key, object.contentHash), pipeline: unit.pipelineId, stage: .a,
                    team: body.team, dataset: body.dataset, startedAt: now, inputKeys: [object.key])
                record.record("StageA Preupdate Processing", component: "preupdate", at: now)
                works.append(Work(
                    index: works.count, message: message, messageIndex: index, body: body, object: object, dataset: topology.datasets[ref],
                    record: record))
            }
        }
        guard !works.isEmpty else { return true }
        // The records are written while the transforms run (the preupdate entry is stamped
        // before them); a failed write fails the step after the transforms, and the messages
        // come back.
        let beginning = works.map(\.record)
        let metadata = env.metadata
        let beginStarted = env.clock.now()
        async let begin = metadata.beginExecutions(beginning)

        // Process: transforms, concurrently, each object in its own slot; each object's outputs
        // are stored as soon as it has them, and the batch is made durable at the end (one
        // barrier: ObjectStore.putFiles(arriving:consume:)).
        let limit = max(1, unit.pipeline.stageA.concurrency)
        let transforms = lightTransforms(for: works)
        let (arriving, producer) = AsyncStream.makeStream(of: (file: URL, location: ObjectLocation).self)
        async let storing = env.objects.putFiles(arriving: arriving, consume: true)
        var order: [(outcome: Int, output: Int)] = []
        var outcomes: [Outcome] = await env.timings.measure("stage-a 3 transform and store") { await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            var outcomes: [Outcome] = []
            func add() {
                let work = works[next]
                let directory = scratch.appendingPathComponent("slot-\(next)", isDirectory: true)
                let transform = transforms[DatasetRef(team: work.body.team, dataset: work.body.dataset)]
                group.addTask { await self.process(work, with: transform, in: directory) }
                next += 1
            }
            while next < min(limit, works.count) { add() }
            while let outcome = await group.next() {
                if outcome.failure == nil {
                    for (index, output) in outcome.outputs.enumerated() {
                        order.append((outcomes.count, index))
                        producer.yield((output.file, ObjectLocation(.stage, output.key)))
                    }
                }
                outcomes.append(outcome)
                if next < works.count { add() }
            }
            return outcomes
        } }
        producer.finish()
        let begun = try await begin
        env.timings?.add("stage-a 2 begin executions (beside the transforms)", seconds: env.clock.now().timeIntervalSince(beginStarted))
        LakeMetrics.started(begun)
        for i in outcomes.indices {
            // The stored record (attempt, earlier history) with what processing added after preupdate.
            let stored = begun[outcomes[i].work.index]
            var record = outcomes[i].work.record
            record.history = stored.history + record.history.dropFirst()
            record.attempt = stored.attempt
            outcomes[i].work.record = record
        }
        let stored: Result<[Result<ObjectInfo, any Error>], any Error>
        let barrier = env.clock.now()
        do {
            stored = .success(try await storing)
        } catch {
            stored = .failure(error)
        }
        env.timings?.add("stage-a 4 store barrier", seconds: env.clock.now().timeIntervalSince(barrier))
        defer { for outcome in outcomes where outcome.failure != nil || outcome.fetchedIntoSlot { ScratchSlot.empty(outcome.slot) } }
        await record(stored, order: order, in: &outcomes)

        // Postupdate, for every object that got this far: outputs recorded and executions
        // completed in one transaction.
        let end = env.clock.now()
        var completed: [ExecutionRecord] = []
        for i in outcomes.indices where outcomes[i].failure == nil {
            outcomes[i].work.record.status = .completed
            outcomes[i].work.record.endedAt = end
            outcomes[i].work.record.record(ExecutionStatus.completed.rawValue, component: "postupdate", at: end)
            completed.append(outcomes[i].work.record)
        }
        do {
            let done = completed
            let outputs = outcomes.filter { $0.failure == nil }.flatMap(\.objects)
            try await env.timings.measure("stage-a 5 finish executions") {
                try await env.metadata.finishExecutions(done, outputs: outputs, pipelineId: pipelineId, at: end)
            }
        } catch {
            for i in outcomes.indices where outcomes[i].failure == nil { outcomes[i].failure = ("postupdate", error) }
            completed = []
        }
        // Then, in one queue step, the keys go on to stage B, failed objects to the dead-letter
        // queue, and the messages are deleted.
        let ended = await env.timings.measure("stage-a 6 send and delete") {
            await settle(outcomes, messages: messages, from: queue, pipelineId: pipelineId, completed: !completed.isEmpty)
        }
        for record in ended { env.onExecutionEnd?(record) }
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
            let messages = try await env.queues.receive(from: candidate.queue, maxMessages: messagesPerReceive, visibilityTimeout: nil)
            if !messages.isEmpty { return (candidate.queue, messages) }
        }
        return (unit.queues.first?.queue ?? topology.names.catalog, [])
    }

    /// The light transform of each dataset of the batch, made once per batch.
    private func lightTransforms(for works: [Work]) -> [DatasetRef: Result<any LightTransform, any Error>] {
        var transforms: [DatasetRef: Result<any LightTransform, any Error>] = [:]
        for work in works {
            guard let dataset = work.dataset, transforms[dataset.ref] == nil else { continue }
            transforms[dataset.ref] = Result { try env.transforms.makeLight(dataset.stageATransform, options: dataset.stageAOptions, config: env.config) }
        }
        return transforms
    }

    /// Runs the transform of one object in a scratch slot; its outputs wait there to be stored.
    private func process(_ work: Work, with made: Result<any LightTransform, any Error>?, in slot: URL) async -> Outcome {
        var outcome = Outcome(work: work, slot: slot)
        let body = work.body
        let object = work.object
        let ref = DatasetRef(team: body.team, dataset: body.dataset)
        let outputDirectory = slot.appendingPathComponent("out", isDirectory: true)
        var component = "process"
        do {
            guard let dataset = work.dataset else {
                throw LakeError(.routing, "dataset \(ref) is no longer in lake.yaml", hint: "add it back, then `lake redrive --dataset \(ref) --stage a`")
            }
            let transform = try made?.get() ?? env.transforms.makeLight(dataset.stageATransform, options: dataset.stageAOptions, config: env.config)
            let location = ObjectLocation(.raw, try ObjectKey(object.key))
            try ScratchSlot.prepare(outputDirectory)
            let file = try await env.objects.fetch(location, into: slot)
            outcome.fetchedIntoSlot = file.standardizedFileURL.path.hasPrefix(slot.standardizedFileURL.path + "/")
            outcome.work.record.record("StageA Process Processing", component: component, at: env.clock.now())
            let outputs = try await transform.run(LightTransformInput(
                location: location, file: file, dataset: ref, table: object.table, executionId: work.record.id,
                options: dataset.stageAOptions, outputDirectory: outputDirectory, startedAt: work.record.startedAt))

            component = "postupdate"
            outcome.work.record.record("StageA Postupdate Processing", component: component, at: env.clock.now())
            for output in outputs {
                let key = try ObjectKey("\(ref.team)/\(ref.dataset)/\(output.table)/\(body.relativeFolder(of: object))\(output.name)")
                outcome.outputs.append((output.file, key, output.table))
            }
        } catch {
            outcome.failure = (component, error)
        }
        return outcome
    }

    /// Gives each object the results of storing its outputs (`order` says whose output each
    /// result is), then makes their object rows and stage-B messages. An object whose output
    /// could not be stored fails at postupdate; so does every object when the barrier failed.
    private func record(_ stored: Result<[Result<ObjectInfo, any Error>], any Error>, order: [(outcome: Int, output: Int)], in outcomes: inout [Outcome]) async {
        let results: [Result<ObjectInfo, any Error>]
        switch stored {
        case .success(let all): results = all
        case .failure(let error):
            for i in outcomes.indices where outcomes[i].failure == nil { outcomes[i].failure = ("postupdate", error) }
            return
        }
        var infos: [[ObjectInfo?]] = outcomes.map { [ObjectInfo?](repeating: nil, count: $0.outputs.count) }
        for ((outcome, output), result) in zip(order, results) {
            switch result {
            case .success(let info): infos[outcome][output] = info
            case .failure(let error):
                if outcomes[outcome].failure == nil { outcomes[outcome].failure = ("postupdate", error) }
            }
        }
        for i in outcomes.indices where outcomes[i].failure == nil {
            do {
                try await record(infos[i].compactMap { $0 }, in: &outcomes[i])
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

}
