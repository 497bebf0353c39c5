import Foundation
import LakeCore
import LakeEmbedded
@testable import LakeEngine

/// A stage-B job that finishes a fixed span of the (manual) clock after its execution was
/// routed, however late its task gets to run.
struct TimedTransform: HeavyTransform {
    let duration: Duration
    let metadata: any MetadataStore
    func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
        let routedAt = try await metadata.execution(id: input.batchId)?.startedAt ?? clock.now()
        return TimedJob(id: input.batchId, end: routedAt.adding(duration), clock: clock)
    }
    struct TimedJob: TransformJob {
        let id: String
        let end: Date
        let clock: any LakeClock
        /// Polls in real time rather than sleeping on the manual clock: a sleep registered just
        /// after the harness moved the clock would wait for the next move, and the harness's
        /// `settle` would wait for it in vain (a CI run under load hit that window once).
        func wait(upTo: Duration) async -> JobState {
            if end <= clock.now() { return .succeeded(HeavyTransformResult(outputs: [])) }
            try? await Task.sleep(for: .milliseconds(1))
            return end <= clock.now() ? .succeeded(HeavyTransformResult(outputs: [])) : .running
        }
        func stop(reason: String) async {}
    }
}

/// Drives stage-B routing tick by tick on a manual clock over a real embedded store.
final class WLMHarness: @unchecked Sendable {
    let clock = ManualClock()
    let root: URL
    let lake: EmbeddedLake
    let env: LakeEnvironment
    let topology: Topology
    let book: PriorityBook
    var routers: [StageBRouter] = []
    let tick: Duration = .seconds(1)
    private var counter = 0

    init(config: LakeConfig, routers count: Int = 1, hideOldest: Bool = false) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wlm-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        lake = try EmbeddedLake.open(directory: root.appendingPathComponent("lake"), clock: clock)
        var registry = TransformRegistry.builtIn
        let metadata = lake.metadata
        registry.register(heavy: "timed") { _ in TimedTransform(duration: .milliseconds(500), metadata: metadata) }
        var tuning = EngineTuning()
        tuning.jobPollInterval = .milliseconds(100)
        tuning.priorityRefresh = .zero
        let queues: any QueueService = hideOldest ? WithoutOldest(base: lake.queues) : lake.queues
        env = LakeEnvironment(
            config: config, objects: lake.objectStore, queues: queues, metadata: lake.metadata, catalog: lake.catalog,
            clock: clock, transforms: registry, workDirectory: root.appendingPathComponent("work"), tuning: tuning)
        topology = Topology(config: config)
        book = PriorityBook(metadata: lake.metadata, clock: clock, config: config, refresh: .zero)
        try await LakeSetup.apply(env, topology: topology)
        for _ in 0..<count {
            let leases = LeaseKeeper(queues: queues, clock: clock, timeout: tuning.visibilityTimeout, interval: tuning.leaseRenewInterval)
            for unit in topology.stageA where unit.pipeline.stageB != nil {
                routers.append(StageBRouter(env: env, topology: topology, unit: unit, leases: leases, tracker: ExecutionTracker(), priorities: book))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Lands `count` stage-zone objects of a table and queues them at the table's level now.
    func enqueue(team: String = "t", dataset: String, table: String, count: Int) async throws {
        let ref = DatasetRef(team: team, dataset: dataset)
        guard let unit = topology.datasets[ref] else { return }
        let level = try await book.level(team: team, dataset: dataset, table: table)
        guard let queue = unit.stageBQueue(level: level) else { return }
        var messages: [OutgoingMessage] = []
        for _ in 0..<count {
            counter += 1
            let key = "\(team)/\(dataset)/\(table)/item-\(counter).jsonl"
            let info = try await lake.objectStore.put(Data("{\"n\":\(counter)}\n".utf8), at: ObjectLocation(.stage, ObjectKey(key)))
            let body = StageBMessage(key: key, contentHash: info.contentHash, team: team, dataset: dataset, table: table, enqueuedAt: clock.now())
            messages.append(OutgoingMessage(body: try MessageCodec.encode(body)))
        }
        try await lake.queues.sendAll(messages, to: queue)
    }

    /// One routing tick: time moves on, due jobs finish, then every router routes once.
    func step() async throws {
        clock.advance(by: tick)
        try await settle()
        for router in routers { _ = try await router.step(drain: false) }
    }

    /// Lets the last tick's executions finish.
    func finish() async throws {
        clock.advance(by: tick)
        try await settle()
    }

    /// Waits (in real time) until no execution is RUNNING: jobs last half a tick, so after a
    /// tick every job started before it has finished.
    func settle() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let running = try await lake.metadata.executionCounts(matching: ExecutionQuery(stage: .b))[.running] ?? 0
            if running == 0 { return }
            try await Task.sleep(for: .milliseconds(2))
        }
        let stuck = try await lake.metadata.executions(matching: ExecutionQuery(status: .running, stage: .b))
        let described = stuck.map { "\($0.id) started \($0.startedAt) now \(clock.now()) history \($0.history.map(\.status))" }
        throw LakeError(.timeout, "executions did not finish: \(described)")
    }

    func executions() async throws -> [ExecutionRecord] {
        try await lake.metadata.executions(matching: ExecutionQuery(stage: .b)).sorted { $0.startedAt < $1.startedAt }
    }

    /// The most stage-B executions running at any instant, from their start and end times.
    func peakConcurrency() async throws -> Int {
        var events: [(Date, Int)] = []
        for e in try await executions() {
            events.append((e.startedAt, 1))
            events.append((e.endedAt ?? .distantFuture, -1))
        }
        var current = 0
        var peak = 0
        for (_, delta) in events.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
            current += delta
            peak = max(peak, current)
        }
        return peak
    }
}

extension LakeConfig {
    /// One team, one pipeline (`timed` stage B), datasets d1 and d2 with tables `hot` (HIGH)
    /// and `cold` (LOW by default).
    static func wlm(maxConcurrent: Int = 2, maxItems: Int = 10, lowMaxWait: Duration? = nil, batching: StageBBatching = .perTable) -> LakeConfig {
        let tables = [TableConfig(name: "hot", priority: "HIGH"), TableConfig(name: "cold")]
        return LakeConfig(
            environment: "wlm",
            pipelines: [PipelineConfig(name: "main", stageA: StageAConfig(transform: "passthrough"), stageB: StageBConfig(transform: "timed", trigger: .event, maxItems: maxItems, maxConcurrent: maxConcurrent, batching: batching))],
            teams: [TeamConfig(name: "t")],
            datasets: [
                DatasetConfig(name: "d1", team: "t", pipeline: "main", tables: tables, defaultPriority: "LOW"),
                DatasetConfig(name: "d2", team: "t", pipeline: "main", tables: tables, defaultPriority: "LOW"),
            ],
            wlm: WLMConfig(levels: ["HIGH", "LOW"], maxWait: lowMaxWait.map { ["LOW": $0] } ?? [:], defaultLevel: "LOW"))
    }
}

/// The embedded queues as a backend that cannot tell a queue's oldest message (like SQS):
/// every call goes to the real SQLite queues; counts come back without `oldestSentAt`.
struct WithoutOldest: QueueService {
    let base: SQLiteQueueService
    func createQueue(_ name: QueueName, options: QueueOptions) async throws { try await base.createQueue(name, options: options) }
    func send(_ messages: [OutgoingMessage], to queue: QueueName) async throws -> [String] { try await base.send(messages, to: queue) }
    func receive(from queue: QueueName, maxMessages: Int, visibilityTimeout: Duration?) async throws -> [ReceivedMessage] {
        try await base.receive(from: queue, maxMessages: maxMessages, visibilityTimeout: visibilityTimeout)
    }
    func delete(_ receipts: [ReceiptHandle], from queue: QueueName) async throws { try await base.delete(receipts, from: queue) }
    func changeVisibility(_ receipt: ReceiptHandle, in queue: QueueName, timeout: Duration) async throws {
        try await base.changeVisibility(receipt, in: queue, timeout: timeout)
    }
    func fail(_ message: ReceivedMessage, in queue: QueueName, error: String, retryAfter: Duration) async throws {
        try await base.fail(message, in: queue, error: error, retryAfter: retryAfter)
    }
    func deadLetter(_ message: ReceivedMessage, from queue: QueueName, error: String) async throws {
        try await base.deadLetter(message, from: queue, error: error)
    }
    func counts(_ queue: QueueName) async throws -> QueueCounts {
        var counts = try await base.counts(queue)
        counts.oldestSentAt = nil
        return counts
    }
    func listQueues(prefix: String) async throws -> [QueueName] { try await base.listQueues(prefix: prefix) }
    func deleteQueue(_ name: QueueName) async throws -> Bool { try await base.deleteQueue(name) }
    func options(of queue: QueueName) async throws -> QueueOptions? { try await base.options(of: queue) }
    func awaitActivity(timeout: Duration) async { await base.awaitActivity(timeout: timeout) }
}
