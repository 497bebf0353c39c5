import Foundation
import LakeCore
import Logging

/// SDLF step 6: one stage-B execution. `process` starts the heavy transform's job, the wait
/// loop polls it until any terminal state (SUCCEEDED, FAILED, STOPPED, TIMEOUT, ERROR — SDLF
/// loops forever on the last three), the crawler hook registers outputs, `postupdate` records
/// them and completes the execution, and only then are the batch's messages deleted. On
/// failure the keys go to the stage-B dead-letter queue and their claims are released.
public struct StageBExecutor: Sendable {
    let env: LakeEnvironment
    let unit: Topology.StageAUnit
    let leases: LeaseKeeper
    /// Runs after outputs are in analytics (the catalog crawler); may fail the execution.
    var crawler: (any StageBCrawler)?

    init(env: LakeEnvironment, unit: Topology.StageAUnit, leases: LeaseKeeper, crawler: (any StageBCrawler)? = nil) {
        self.env = env
        self.unit = unit
        self.leases = leases
        self.crawler = crawler
    }

    func run(_ batch: StageBBatch, config: StageBConfig) async {
        var record = batch.record
        var component = "process"
        let ref = batch.dataset.ref
        let scratch = env.workDirectory.appendingPathComponent("b-\(record.id)-\(record.attempt)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var heartbeat: ExecutionHeartbeat?
        do {
            record.record("StageB Process Processing", component: component, at: env.clock.now())
            guard let transformName = batch.dataset.stageBTransform else {
                throw LakeError(.invalidConfig, "dataset \(ref) has no stage-B transform")
            }
            let transform = try env.transforms.makeHeavy(transformName, options: batch.dataset.stageBOptions, config: env.config)
            let inputDirectory = scratch.appendingPathComponent("in")
            let outputDirectory = scratch.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: inputDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
            let inputs = transform.readsInputsInPlace
                ? try inPlaceInputs(record.inputKeys)
                : try await env.timings.measure("stage-b 1 fetch inputs") { try await fetchInputs(record.inputKeys, into: inputDirectory) }
            var tables: [String: TableConfig] = [:]
            for table in batch.dataset.config.tables { tables[table.name] = table }
            let started = env.clock.now()
            let job = try await transform.start(HeavyTransformInput(
                batchId: record.id, dataset: ref, pipeline: batch.dataset.pipeline.name, inputs: inputs,
                options: batch.dataset.stageBOptions, tables: tables, outputDirectory: outputDirectory), clock: env.clock)
            record.details["jobId"] = job.id
            try await env.metadata.saveExecution(record)

            component = "wait"
            let state = try await waitForJob(job, record: &record, timeout: config.timeout)
            env.timings?.add("stage-b 2 transform", seconds: env.clock.now().timeIntervalSince(started))
            record.record("StageB Job \(state.name)", component: component, at: env.clock.now())
            let result: HeavyTransformResult
            switch state {
            case .succeeded(let r): result = r
            case .failed(let message, let details):
                record.details.merge(details) { _, new in new }
                throw LakeError(.transform, message)
            case .stopped(let reason): throw LakeError(.transform, "job stopped: \(reason)")
            case .timedOut: throw LakeError(.timeout, "job did not finish within \(DurationText.format(config.timeout))")
            case .error(let message): throw LakeError(.transform, "job error: \(message)")
            case .running: throw LakeError(.transform, "job still running after the wait loop")
            }
            record.details.merge(result.details) { _, new in new }

            component = "postupdate"
            heartbeat = ExecutionHeartbeat.start(record, env: env)
            var objectRecords: [ObjectRecord] = []
            var written: [WrittenObject] = []
            // Every output at once, behind one durability barrier.
            let keys = try result.outputs.map { output in try ObjectKey("\(ref.team)/\(ref.dataset)/\(output.table)/\(output.name)") }
            let infos = try await env.timings.measure("stage-b 3 put outputs") { try await storeOutputs(result.outputs, keys: keys) }
            for ((output, key), info) in zip(zip(result.outputs, keys), infos) {
                record.outputKeys.append(key.rawValue)
                written.append(WrittenObject(info: info, table: output.table, name: output.name, rows: output.rows))
                objectRecords.append(ObjectRecord(
                    id: env.objects.uri(for: info.location), zone: .analytics, key: key.rawValue, bucket: env.objects.container(of: .analytics),
                    size: info.size, lastModified: info.modifiedAt, timestamp: env.clock.now(), contentHash: info.contentHash,
                    team: ref.team, dataset: ref.dataset, table: output.table, pipeline: batch.dataset.pipeline.name,
                    pipelineStage: PipelineStage.b.label, executionId: record.id, rows: output.rows))
            }
            // The analytics rows go in before the crawler, which counts partitions from them.
            try await env.timings.measure("stage-b 4 upsert objects") { try await env.metadata.upsertObjects(objectRecords) }
            if let crawler {
                component = "crawler"
                record.record("StageB Crawler Processing", component: component, at: env.clock.now())
                do {
                    let summary = try await env.timings.measure("stage-b 5 crawl") { try await crawler.crawl(dataset: batch.dataset, written: written, executionId: record.id) }
                    if !summary.isEmpty { record.details["crawler"] = summary }
                } catch {
                    await discard(objectRecords, executionId: record.id)
                    throw error
                }
                component = "postupdate"
            }
            if batch.dataset.config.quality != nil || batch.dataset.config.tables.contains(where: { $0.quality != nil }) {
                component = "quality"
                record.record("StageB Quality Processing", component: component, at: env.clock.now())
                let verdict = try await QualityGate(env: env).check(dataset: batch.dataset, written: written, executionId: record.id)
                if !verdict.summary.isEmpty { record.details["quality"] = verdict.summary }
                let held = verdict.failures.filter { $0.action == .quarantine }
                if !held.isEmpty {
                    // Quarantine: the failing tables' outputs leave the table until released; the
                    // execution completes (the data is kept, so nothing is redriven).
                    let records = objectRecords.filter { r in held.contains { $0.table == r.table } }
                    let keys = try await QualityQuarantine(env: env).hold(records, executionId: record.id)
                    record.details["quarantined"] = "\(keys.count) file(s) of " + held.map(\.table).joined(separator: ", ")
                        + "; `lake dq release \(record.id)` puts them back"
                    env.logger.warning("quality rules failed: outputs quarantined", metadata: [
                        "execution": "\(record.id)", "tables": "\(held.map(\.table))",
                    ])
                }
                let failing = verdict.failures.filter { $0.action == .fail }
                if !failing.isEmpty {
                    // The failing tables' outputs are withdrawn (as when the crawler refuses a
                    // batch), so a redrive re-runs the batch and re-checks without duplicating rows.
                    await discard(objectRecords.filter { r in failing.contains { $0.table == r.table } }, executionId: record.id)
                    throw QualityGate.failure(failing)
                }
                component = "postupdate"
            }
            await heartbeat?.stop()
            heartbeat = nil
            record.record("StageB Postupdate Processing", component: component, at: env.clock.now())
            let end = env.clock.now()
            record.status = .completed
            record.endedAt = end
            record.record(ExecutionStatus.completed.rawValue, component: component, at: end)
            try await env.timings.measure("stage-b 6 complete execution") { try await env.metadata.saveExecution(record) }
            try await env.timings.measure("stage-b 7 delete messages") {
                try await env.queues.settle(sending: [:], deleting: batch.messages.map(\.receipt), from: batch.queue)
            }
            await leases.release(batch.messages.map(\.receipt))
            env.onExecutionEnd?(record)
            try? await env.metadata.recordLastExecution(
                record, pipelineId: PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .b), at: env.clock.now())
        } catch {
            await heartbeat?.stop()
            await fail(record, batch: batch, component: component, error: error)
        }
    }

    /// Puts the local outputs into analytics behind one durability barrier and looks up those a
    /// remote engine wrote in place; the infos come back in the outputs' order.
    private func storeOutputs(_ outputs: [TransformOutput], keys: [ObjectKey]) async throws -> [ObjectInfo] {
        let local = zip(outputs, keys).filter { !$0.0.inPlace }
        var put = try await env.objects.putAllFiles(local.map { ($0.0.file, ObjectLocation(.analytics, $0.1)) }, consume: true).makeIterator()
        var infos: [ObjectInfo] = []
        for (output, key) in zip(outputs, keys) {
            if output.inPlace {
                guard let info = try await env.objects.head(ObjectLocation(.analytics, key)) else {
                    throw LakeError(
                        .transform, "the job reported output \(key) but it is not in the analytics zone",
                        hint: "check the job's output location", context: ["key": key.rawValue])
                }
                infos.append(info)
            } else if let info = put.next() {
                infos.append(info)
            }
        }
        return infos
    }

    /// The table a stage object belongs to, from its key.
    private static func table(of key: ObjectKey) -> String {
        RawKeyParts(key)?.table ?? LakeNames.tableName(fromFileName: key.name)
    }

    /// The batch's inputs where they are, for a transform that reads them in place.
    private func inPlaceInputs(_ keys: [String]) throws -> [BatchInput] {
        try keys.map { key in
            let objectKey = try ObjectKey(key)
            let uri = env.objects.uri(for: ObjectLocation(.stage, objectKey))
            let url = uri.hasPrefix("/") ? URL(fileURLWithPath: uri) : URL(string: uri)
            guard let url else { throw LakeError(.internal, "the object URI \(uri) is not a URL", context: ["key": key]) }
            return BatchInput(key: key, table: Self.table(of: objectKey), file: url)
        }
    }

    /// The batch's stage files as local files, 16 at a time (each is a download on S3), in key order.
    private func fetchInputs(_ keys: [String], into directory: URL) async throws -> [BatchInput] {
        let objects = env.objects
        return try await withThrowingTaskGroup(of: (Int, BatchInput).self) { group in
            var inputs = [BatchInput?](repeating: nil, count: keys.count)
            var next = 0
            func add() throws {
                let (index, key) = (next, keys[next])
                let objectKey = try ObjectKey(key)
                let table = Self.table(of: objectKey)
                group.addTask { (index, BatchInput(key: key, table: table, file: try await objects.fetch(ObjectLocation(.stage, objectKey), into: directory))) }
                next += 1
            }
            while next < min(16, keys.count) { try add() }
            while let (index, input) = try await group.next() {
                inputs[index] = input
                if next < keys.count { try add() }
            }
            return inputs.compactMap { $0 }
        }
    }

    /// Polls the job until a terminal state, heartbeating the execution and stopping the job
    /// when the stage's timeout passes.
    private func waitForJob(_ job: any TransformJob, record: inout ExecutionRecord, timeout: Duration) async throws -> JobState {
        let deadline = record.startedAt.adding(timeout)
        var lastBeat = env.clock.now()
        while true {
            let state = await job.wait(upTo: env.tuning.jobPollInterval)
            if state.isTerminal { return state }
            let now = env.clock.now()
            if now >= deadline {
                await job.stop(reason: "timeout")
                return .timedOut
            }
            if now.timeIntervalSince(lastBeat) >= env.tuning.staleAfter.seconds / 3 {
                record.updatedAt = now
                try await env.metadata.saveExecution(record)
                lastBeat = now
            }
        }
    }

    /// Fails a batch without running it (a crash loop): FAILED, keys to the dead-letter queue.
    func giveUp(_ batch: StageBBatch, reason: String) async {
        await fail(batch.record, batch: batch, component: "router", error: LakeError(.transform, reason))
    }

    /// Removes a batch's analytics outputs and their metadata rows after the crawler refused
    /// them (a schema conflict, say), so files the catalog does not describe do not linger in
    /// its partitions; a redrive writes them again under the same names.
    private func discard(_ records: [ObjectRecord], executionId: String) async {
        for record in records {
            do {
                try await env.objects.delete(ObjectLocation(record.zone, try ObjectKey(record.key)))
                try await env.metadata.deleteObject(id: record.id)
            } catch {
                env.logger.error("could not remove an output the crawler refused", metadata: [
                    "execution": "\(executionId)", "key": "\(record.key)", "error": "\(error)",
                ])
            }
        }
    }

    /// The error step.
    private func fail(_ failed: ExecutionRecord, batch: StageBBatch, component: String, error: any Error) async {
        var record = failed
        let end = env.clock.now()
        let text = (error as? LakeError)?.message ?? "\(error)"
        record.fail(component: component, error: error, at: end)
        env.logger.error("stage B failed", metadata: ["execution": "\(record.id)", "component": "\(component)", "error": "\(text)"])
        do {
            try await env.metadata.saveExecution(record)
            let failure = StageBFailure(executionId: record.id, team: record.team, dataset: record.dataset, keys: record.inputKeys, error: record.error ?? text)
            try await env.queues.send([OutgoingMessage(
                body: try MessageCodec.encode(failure),
                attributes: [DeadLetterAttribute.error: record.error ?? text, DeadLetterAttribute.sourceQueue: batch.queue.rawValue])],
                to: batch.dataset.stageBDeadLetter)
            LakeMetrics.deadLettered(queue: batch.dataset.stageBDeadLetter, stage: .b)
            try await env.metadata.releaseClaims(of: record.id)
            try await env.queues.deleteAll(batch.messages.map(\.receipt), from: batch.queue)
            try await env.metadata.recordEvent(EventRecord(
                id: env.ids.next(), at: end, kind: "stage-b.failed", message: record.error ?? text, details: ["execution": record.id]))
        } catch {
            env.logger.error("stage B error step could not finish; the batch's messages will come back", metadata: ["execution": "\(record.id)", "error": "\(error)"])
        }
        await leases.release(batch.messages.map(\.receipt))
        env.onExecutionEnd?(record)
    }
}

/// An object stage B wrote to analytics.
public struct WrittenObject: Sendable {
    /// Where it is, its size and hash.
    public var info: ObjectInfo
    /// The table folder it was written to.
    public var table: String
    /// The name below the table folder (may include `k=v/` partition folders).
    public var name: String
    /// Rows in the file, when the transform said.
    public var rows: Int64?

    /// Creates a record of one written object.
    public init(info: ObjectInfo, table: String, name: String, rows: Int64? = nil) {
        self.info = info
        self.table = table
        self.name = name
        self.rows = rows
    }
}

/// The crawler step at the end of stage B: registers what was written in the table catalog.
/// Runs after the outputs are in analytics and their object-metadata rows are written; an error
/// fails the execution and the executor removes the batch's outputs again.
public protocol StageBCrawler: Sendable {
    /// Registers `written`; returns a short summary for the execution's details.
    func crawl(dataset: Topology.DatasetUnit, written: [WrittenObject], executionId: String) async throws -> String
}
