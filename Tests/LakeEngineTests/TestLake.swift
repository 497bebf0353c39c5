import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine

/// An embedded lake in a temporary directory, with helpers to land files and run the engine.
struct TestLake {
    let root: URL
    let lake: EmbeddedLake
    var config: LakeConfig
    var registry: TransformRegistry = .builtIn
    var tuning: EngineTuning = {
        var t = EngineTuning()
        t.visibilityTimeout = .seconds(5)
        t.leaseRenewInterval = .seconds(1)
        t.staleAfter = .seconds(3)
        t.jobPollInterval = .milliseconds(20)
        t.idleWait = .milliseconds(20)
        t.retryDelay = .milliseconds(100)
        return t
    }()

    init(config: LakeConfig) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lake-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        lake = try EmbeddedLake.open(directory: root.appendingPathComponent("lake"), clock: SystemClock())
        self.config = config
        self.config.baseDirectory = root
    }

    var env: LakeEnvironment {
        let work = root.appendingPathComponent("work")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return LakeEnvironment(
            config: config, objects: lake.objectStore, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
            transforms: registry, workDirectory: work, tuning: tuning)
    }

    func engine() async throws -> LakeEngine {
        let engine = LakeEngine(env: env)
        try await engine.prepare()
        return engine
    }

    /// Writes files locally and lands them through the ingestor.
    @discardableResult
    func land(_ files: [String: String], team: String, dataset: String, table: String? = nil) async throws -> [ObjectKey] {
        let dir = root.appendingPathComponent("incoming-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var urls: [URL] = []
        for (name, content) in files.sorted(by: { $0.key < $1.key }) {
            let url = dir.appendingPathComponent(name)
            try Data(content.utf8).write(to: url)
            urls.append(url)
        }
        _ = try await engine()
        let ingestor = Ingestor(env: env)
        let planned = try ingestor.plan(paths: urls, dataset: DatasetRef(team: team, dataset: dataset), table: table)
        return try await ingestor.ingest(planned).map(\.info.location.key)
    }

    func runUntilIdle() async throws {
        _ = try await engine().runUntilIdle(timeout: .seconds(120))
    }

    func executions(_ query: ExecutionQuery = ExecutionQuery()) async throws -> [ExecutionRecord] {
        try await lake.metadata.executions(matching: query)
    }

    /// Every line of every analytics object of a dataset.
    func analyticsLines(team: String, dataset: String) async throws -> [String] {
        var lines: [String] = []
        for info in try await lake.objectStore.listAll(zone: .analytics, prefix: "\(team)/\(dataset)/") {
            let text = String(decoding: try await lake.objectStore.get(info.location), as: UTF8.self)
            lines += text.split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// Messages left in the engine's non-dead-letter queues.
    func pendingMessages() async throws -> Int {
        var total = 0
        for queue in try await lake.queues.listQueues(prefix: "lake-") where !queue.rawValue.contains("-dlq") {
            total += try await lake.queues.counts(queue).total
        }
        return total
    }

    func deadLetters(_ queue: QueueName) async throws -> Int { try await lake.queues.counts(queue).total }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

extension LakeConfig {
    /// Two teams, three datasets on standard pipelines with `json-flatten` + `concat`.
    static func sample(trigger: StageBTrigger = .event) -> LakeConfig {
        LakeConfig(
            environment: "test",
            pipelines: [
                PipelineConfig(name: "main", stageA: StageAConfig(transform: "json-flatten"), stageB: StageBConfig(transform: "concat", trigger: trigger, maxItems: 50, maxConcurrent: 2)),
                PipelineConfig(name: "light", kind: .custom, stageA: StageAConfig(transform: "passthrough")),
            ],
            teams: [TeamConfig(name: "sales"), TeamConfig(name: "ops")],
            datasets: [
                DatasetConfig(name: "orders", team: "sales", pipeline: "main"),
                DatasetConfig(name: "refunds", team: "sales", pipeline: "main"),
                DatasetConfig(name: "metrics", team: "ops", pipeline: "main"),
                DatasetConfig(name: "logs", team: "ops", pipeline: "light"),
            ])
    }
}

/// JSON Lines with `n` records starting at id `from`.
func jsonLines(_ n: Int, from: Int = 0) -> String {
    (from..<(from + n)).map { #"{"id":\#($0),"name":"n\#($0)","nested":{"a":1},"tags":[1,2]}"# }.joined(separator: "\n") + "\n"
}
