import Foundation
import LakeTestSupport
import LakeCore
import LakeEmbedded
@testable import LakeEngine
import Testing

/// What a worker that dies mid-work leaves behind, and how the next worker finishes it.
@Suite(.blocking) struct RecoveryTests {
    @Test func stageAMessagesClaimedByADeadWorkerAreProcessedOnce() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        _ = try await t.engine()
        for i in 0..<12 { try await t.land(["o\(i).jsonl": jsonLines(2, from: i * 2)], team: "sales", dataset: "orders", table: "orders") }
        // Run only the catalog step, then claim stage-A work as a worker that then dies.
        let names = QueueNaming(environment: "test")
        let catalog = CatalogService(env: t.env, topology: Topology(config: t.config), priorities: PriorityBook(metadata: t.metadata, clock: SystemClock(), config: t.config))
        while try await catalog.step(drain: false) {}
        let stageA = names.stageA(team: "sales", pipeline: "main", level: "LOW")
        let claimed = try await t.queues.receive(from: stageA, maxMessages: 10, visibilityTimeout: .seconds(1))
        #expect(!claimed.isEmpty)
        // The next worker starts; the dead worker's leases run out and everything is processed.
        try await t.runUntilIdle()
        let lines = try await t.analyticsLines(team: "sales", dataset: "orders")
        #expect(lines.count == 24)
        #expect(Set(lines).count == 24)
        #expect(try await t.executions(ExecutionQuery(stage: .a)).count == 12)
        #expect(try await t.pendingMessages() == 0)
    }

    @Test func stageBExecutionOfADeadWorkerIsResumedNotDuplicated() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        // A worker claims the batch, starts its execution and dies before finishing.
        let (parked, bodies) = try await stageBKeysReceivedByAWorker(t, files: 6, rows: 3, lease: .seconds(1))
        var record = parked
        let stageBPipeline = record.id
        let dead = "dead-worker-execution"
        let longAgo = Date().addingTimeInterval(-600)  // past staleAfter, well within the 1h stage timeout
        var execution = ExecutionRecord(id: dead, pipeline: "sales-main", stage: .b, team: "sales", dataset: "orders", startedAt: longAgo, inputKeys: bodies.map(\.key), slotGroup: stageBPipeline)
        execution.record("StageB Process Processing", component: "process", at: longAgo)
        try await t.metadata.saveExecution(execution)
        #expect(try await t.metadata.claim(keys: bodies.map(\.claimKey), by: dead, at: longAgo).isEmpty)

        record.status = .active
        try await t.metadata.upsertPipeline(record)
        try await t.runUntilIdle()
        let b = try await t.executions(ExecutionQuery(stage: .b))
        #expect(b.count == 1)
        #expect(b.first?.id == dead)
        #expect(b.first?.status == .completed)
        #expect(b.first?.attempt == 2)
        let lines = try await t.analyticsLines(team: "sales", dataset: "orders")
        #expect(lines.count == 18)
        #expect(Set(lines).count == 18)
    }

    /// A worker killed with `kill -9` leaves a RUNNING execution with a fresh heartbeat. Its
    /// process is gone, so the next worker on this host resumes the batch at once rather than
    /// waiting for the heartbeat to go stale, and never drops the keys as duplicates.
    @Test func stageBExecutionOfAKilledLocalWorkerIsResumedAtOnce() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        let (parked, bodies) = try await stageBKeysReceivedByAWorker(t, files: 4, rows: 2, lease: .milliseconds(200))
        var record = parked
        let stageBPipeline = record.id
        // A process that has exited: its pid no longer runs.
        let exited = try ChildProcess.launch("/bin/true", [])
        exited.waitUntilExit()
        let dead = ProcessIdentity(host: ProcessIdentity.current.host, pid: exited.processIdentifier, startTime: 1)
        let killed = "killed-worker-execution"
        var execution = ExecutionRecord(
            id: killed, pipeline: "sales-main", stage: .b, team: "sales", dataset: "orders", startedAt: Date(),
            inputKeys: bodies.map(\.key), slotGroup: stageBPipeline)
        execution.details["worker"] = dead.description
        execution.record("StageB Process Processing", component: "process", at: Date())
        try await t.metadata.saveExecution(execution)
        #expect(try await t.metadata.claim(keys: bodies.map(\.claimKey), by: killed, at: Date()).isEmpty)

        record.status = .active
        try await t.metadata.upsertPipeline(record)
        try await Task.sleep(for: .milliseconds(300))  // the killed worker's leases run out
        let started = Date()
        _ = try await t.engine().runUntilIdle(timeout: .seconds(60))
        #expect(Date().timeIntervalSince(started) < 30, "resumed without waiting for the heartbeat to go stale")
        let b = try await t.executions(ExecutionQuery(stage: .b))
        #expect(b.map(\.id) == [killed])
        #expect(b.first?.status == .completed)
        #expect(b.first?.attempt == 2)
        let lines = try await t.analyticsLines(team: "sales", dataset: "orders")
        #expect(lines.count == 8)
        #expect(Set(lines).count == 8)
        #expect(try await t.pendingMessages() == 0)
    }

    @Test func duplicateStageBMessageAfterCompletionIsDropped() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        try await t.land(["o.jsonl": jsonLines(4)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        // Stage A ran again after a crash and re-sent its output key.
        let stageKey = "sales/orders/orders/o.jsonl"
        let info = try #require(try await t.objects.head(ObjectLocation(.stage, ObjectKey(stageKey))))
        let body = StageBMessage(key: stageKey, contentHash: info.contentHash, team: "sales", dataset: "orders", table: "orders", enqueuedAt: Date())
        let queue = QueueNaming(environment: "test").stageB(DatasetRef(team: "sales", dataset: "orders"), level: "LOW")
        try await t.queues.send([OutgoingMessage(body: try MessageCodec.encode(body))], to: queue)
        try await t.runUntilIdle()
        #expect(try await t.executions(ExecutionQuery(stage: .b)).count == 1)
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 4)
        #expect(try await t.pendingMessages() == 0)
    }

    @Test func stageBRespectsMaxConcurrentAndBatchSize() async throws {
        var config = LakeConfig.sample()
        config.pipelines[0].stageB?.maxItems = 5
        config.pipelines[0].stageB?.maxConcurrent = 1
        let t = try await TestLake(config: config)
        defer { t.remove() }
        for i in 0..<23 { try await t.land(["o\(i).jsonl": jsonLines(1, from: i)], team: "sales", dataset: "orders", table: "orders") }
        try await t.runUntilIdle()
        let b = try await t.executions(ExecutionQuery(stage: .b)).sorted { $0.startedAt < $1.startedAt }
        #expect(b.allSatisfy { $0.inputKeys.count <= 5 })
        #expect(b.reduce(0) { $0 + $1.inputKeys.count } == 23)
        // Never two running at once.
        for (x, y) in zip(b, b.dropFirst()) {
            #expect((x.endedAt ?? .distantFuture) <= y.startedAt)
        }
    }

    /// Lands `files` objects of `rows` rows with the sales stage-B pipeline INACTIVE, then
    /// receives their stage-B messages (leased for `lease`) as a worker about to die would.
    /// Returns the INACTIVE pipeline record (set it ACTIVE to let the next worker in) and the keys.
    private func stageBKeysReceivedByAWorker(
        _ t: TestLake, files: Int, rows: Int, lease: Duration
    ) async throws -> (PipelineRecord, [StageBMessage]) {
        _ = try await t.engine()
        let stageBPipeline = PipelineRecord.id(team: "sales", pipeline: "main", stage: .b)
        var record = try #require(try await t.metadata.pipeline(id: stageBPipeline))
        record.status = .inactive
        try await t.metadata.upsertPipeline(record)
        for i in 0..<files {
            try await t.land(["o\(i).jsonl": jsonLines(rows, from: i * rows)], team: "sales", dataset: "orders", table: "orders")
        }
        _ = try await t.engine().runUntilIdle(timeout: .seconds(60))
        let queue = QueueNaming(environment: "test").stageB(DatasetRef(team: "sales", dataset: "orders"), level: "LOW")
        let messages = try await t.queues.receive(from: queue, maxMessages: 10, visibilityTimeout: lease)
        #expect(messages.count == files)
        return (record, try messages.map { try MessageCodec.decode(StageBMessage.self, $0.body, queue: queue) })
    }
}
