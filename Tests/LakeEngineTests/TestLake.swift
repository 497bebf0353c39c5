import Foundation
import LakeCore
import LakeEngine
import LakeRuntime
import LakeTestSupport
import Testing

/// Where a test lake lives: the embedded backend in a temporary directory, or the AWS backend on
/// the shared moto server. Flow tests take it as an argument, as Hummingbird's tests take
/// `.router` or `.live`.
enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case embedded, aws
    var testDescription: String { rawValue }
}

/// A test lake opened through the runtime's production wiring (the composition root the CLI
/// uses, crawler included) on either backend, with helpers to land files and run the engine.
/// Changing ``config``, ``registry`` or ``tuning`` reopens the lake at the next ``engine()``.
final class TestLake: @unchecked Sendable {
    let root: URL
    let backend: TestBackend
    var config: LakeConfig { didSet { dirty = true } }
    var registry: TransformRegistry = .builtIn { didSet { dirty = true } }
    var tuning: EngineTuning = TestLake.testTuning { didSet { dirty = true } }

    /// Short leases and waits, so failures and recoveries show within seconds.
    static let testTuning: EngineTuning = {
        var t = EngineTuning()
        t.visibilityTimeout = .seconds(5)
        t.leaseRenewInterval = .seconds(1)
        t.staleAfter = .seconds(3)
        t.jobPollInterval = .milliseconds(20)
        t.idleWait = .milliseconds(20)
        t.retryDelay = .milliseconds(100)
        return t
    }()

    /// On moto, leases long enough that a slow answer does not let a message come back while
    /// its work still runs.
    static let awsTestTuning: EngineTuning = {
        var t = testTuning
        t.visibilityTimeout = .seconds(30)
        t.leaseRenewInterval = .seconds(5)
        t.staleAfter = .seconds(20)
        return t
    }()
    /// Hears every execution's end.
    var onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)? { didSet { dirty = true } }

    private(set) var runtime: LakeRuntime
    private var dirty = false
    private var opened: [LakeRuntime] = []

    /// Opens a new lake for `config` on `backend` (AWS: fresh buckets, queues and tables named
    /// after a unique environment, created by `lake aws bootstrap`'s code).
    init(config: LakeConfig, backend: TestBackend = .embedded) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lake-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        self.backend = backend
        var config = config
        config.baseDirectory = root
        let tuning = backend == .aws ? Self.awsTestTuning : Self.testTuning
        switch backend {
        case .embedded:
            config.storage = .embedded(EmbeddedStorageConfig(path: root.appendingPathComponent("lake").path))
        case .aws:
            // One AWS lake at a time: each polls SQS from a dozen services, and moto answers
            // one request at a time.
            await AWSLakeGate.shared.enter()
            do {
                let endpoint = try await MotoServer.engine.start()
                let unique = String(UUID().uuidString.lowercased().filter(\.isLetter).prefix(6)) + String(Int.random(in: 100...999))
                config.environment = "t" + unique
                config.storage = .aws(AWSStorageConfig(region: "us-east-1", endpoint: endpoint, buckets: 1, bucketPrefix: "swiftlake-test-\(unique)"))
                _ = try await LakeRuntime.bootstrapAWS(
                    config, extensions: LakeExtensions(transforms: .builtIn), dryRun: false, tuning: tuning,
                    awsEnvironment: MotoServer.clientEnvironment())
            } catch {
                await AWSLakeGate.shared.leave()
                throw error
            }
        }
        self.config = config
        self.tuning = tuning
        do {
            runtime = try await Self.open(config, registry: .builtIn, tuning: tuning, onExecutionEnd: nil)
        } catch {
            if backend == .aws { await AWSLakeGate.shared.leave() }
            throw error
        }
        opened.append(runtime)
    }

    private static func open(
        _ config: LakeConfig, registry: TransformRegistry, tuning: EngineTuning, onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)?
    ) async throws -> LakeRuntime {
        var options = RuntimeOptions()
        options.tuning = tuning
        options.onExecutionEnd = onExecutionEnd
        options.awsEnvironment = MotoServer.clientEnvironment()
        options.verbose = ProcessInfo.processInfo.environment["LAKE_TEST_VERBOSE"] != nil
        return try await LakeRuntime.open(config, extensions: LakeExtensions(transforms: registry), options: options)
    }

    /// The runtime for the current config, reopened when something changed.
    func current() async throws -> LakeRuntime {
        if dirty {
            runtime = try await Self.open(config, registry: registry, tuning: tuning, onExecutionEnd: onExecutionEnd)
            opened.append(runtime)
            dirty = false
        }
        return runtime
    }

    /// The engine (prepared: queues and registry rows exist).
    func engine() async throws -> LakeEngine { try await current().engine }

    /// The environment of the open runtime, with the current ``config`` and ``registry`` (so it is
    /// current without a reopen).
    var env: LakeEnvironment {
        var env = runtime.env
        env.config = config
        env.transforms = registry
        return env
    }
    var objects: any ObjectStore { runtime.env.objects }
    var queues: any QueueService { runtime.env.queues }
    var metadata: any MetadataStore { runtime.env.metadata }
    var catalog: any TableCatalog { runtime.env.catalog }

    /// The directory of a zone (embedded backend only).
    func zoneDirectory(_ zone: Zone) -> URL {
        root.appendingPathComponent("lake").appendingPathComponent(zone.rawValue, isDirectory: true)
    }

    /// Writes files locally and lands them through the runtime's ingest.
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
        let landed = try await current().ingest(paths: urls, dataset: DatasetRef(team: team, dataset: dataset), table: table)
        return try landed.map { try ObjectKey($0.key) }
    }

    func runUntilIdle() async throws {
        _ = try await engine().runUntilIdle(timeout: .seconds(120))
    }

    func executions(_ query: ExecutionQuery = ExecutionQuery()) async throws -> [ExecutionRecord] {
        try await metadata.executions(matching: query)
    }

    /// Every line of every analytics object of a dataset.
    func analyticsLines(team: String, dataset: String) async throws -> [String] {
        var lines: [String] = []
        for info in try await objects.listAll(zone: .analytics, prefix: "\(team)/\(dataset)/") {
            let text = String(decoding: try await objects.get(info.location), as: UTF8.self)
            lines += text.split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// Messages left in the engine's non-dead-letter queues.
    func pendingMessages() async throws -> Int {
        var total = 0
        for queue in try await queues.listQueues(prefix: "lake-\(config.environment)-") where !queue.rawValue.contains("-dlq") {
            total += try await queues.counts(queue).total
        }
        return total
    }

    func deadLetters(_ queue: QueueName) async throws -> Int { try await queues.counts(queue).total }

    /// Removes the lake's directory and closes its connections.
    func remove() {
        try? FileManager.default.removeItem(at: root)
        let runtimes = opened
        opened = []
        let aws = backend == .aws
        Task {
            for runtime in runtimes { await runtime.close() }
            if aws { await AWSLakeGate.shared.leave() }
        }
    }
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

/// Lets one AWS test lake exist at a time (a FIFO of waiting tests).
actor AWSLakeGate {
    static let shared = AWSLakeGate()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
