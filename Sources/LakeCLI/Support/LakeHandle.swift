import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine
import Logging

/// An opened lake: the config, the adapters wired into a ``LakeEnvironment``, and the engine.
/// This is the one place that chooses adapters.
struct LakeHandle {
    var config: LakeConfig
    var env: LakeEnvironment
    var engine: LakeEngine
    /// Set for the embedded backend (its watcher and lease recovery are embedded-only).
    var embedded: EmbeddedLake?

    /// What the engine is built with besides the backend's adapters.
    struct EngineOptions {
        var clock: any LakeClock = SystemClock()
        var tuning = EngineTuning()
        /// Adds the raw partition job on its interval (`lake run`).
        var partitionSync = false
        /// Called whenever an execution ends (`lake bench`).
        var onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)?
    }

    /// Opens the backend named in `config`. Stage B always ends with the catalog crawler;
    /// `partitionSync` adds the raw partition job on its interval (`lake run`).
    static func open(
        config: LakeConfig, verbose: Bool, clock: any LakeClock = SystemClock(), tuning: EngineTuning = EngineTuning(), watch: Bool = false,
        partitionSync: Bool = false, onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)? = nil
    ) async throws -> LakeHandle {
        let engineOptions = EngineOptions(clock: clock, tuning: tuning, partitionSync: partitionSync, onExecutionEnd: onExecutionEnd)
        var logger = Logger(label: "swiftlake")
        logger.logLevel = verbose ? .info : .critical
        switch config.storage {
        case .embedded(let storage):
            let directory = resolve(storage.path, against: config.baseDirectory)
            let lake = try EmbeddedLake.open(directory: directory, clock: clock)
            let work = directory.appendingPathComponent("state/work", isDirectory: true)
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let env = LakeEnvironment(
                config: config, objects: lake.objectStore, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
                clock: clock, transforms: CLIContext.registry, logger: logger, workDirectory: work, tuning: tuning)
            let sources: [any LandingSource] = watch ? [WatcherLandingSource(watcher: lake.watcher, clock: clock)] : []
            return assemble(env, landingSources: sources, options: engineOptions, embedded: lake)
        case .aws(let storage):
            return try await openAWS(config: config, storage: storage, logger: logger, options: engineOptions)
        }
    }

    /// The engine over `env`: the catalog crawler at the end of stage B, and the partition job
    /// when asked for.
    static func assemble(
        _ env: LakeEnvironment, landingSources: [any LandingSource], options: EngineOptions, embedded: EmbeddedLake?
    ) -> LakeHandle {
        var env = env
        env.onExecutionEnd = options.onExecutionEnd
        let services: [any LakeService] = options.partitionSync ? [PartitionSyncService(env: env)].compactMap { $0 } : []
        let engine = LakeEngine(env: env, landingSources: landingSources, crawler: CatalogCrawler(env: env), extraServices: services)
        return LakeHandle(config: env.config, env: env, engine: engine, embedded: embedded)
    }

    /// Loads lake.yaml and opens its backend.
    static func open(
        _ options: ConfigOptions, clock: any LakeClock = SystemClock(), tuning: EngineTuning = EngineTuning(), watch: Bool = false,
        partitionSync: Bool = false
    ) async throws -> LakeHandle {
        let config = try CLIContext.loadConfig(CLIContext.configURL(options.config))
        return try await open(config: config, verbose: options.verbose, clock: clock, tuning: tuning, watch: watch, partitionSync: partitionSync)
    }

    static func resolve(_ path: String, against base: URL) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return base.appendingPathComponent(path).standardizedFileURL
    }
}

/// Feeds the raw-directory watcher's changes to the engine as landing events; the watcher's
/// ledger records them only after they are on the catalog queue.
struct WatcherLandingSource: LandingSource {
    let watcher: RawDirectoryWatcher
    let clock: any LakeClock

    func poll(deliver: @escaping @Sendable ([LandingEvent]) async throws -> Void) async throws -> Int {
        let clock = self.clock
        return try await watcher.scan { changes in
            try await deliver(changes.map { change in
                switch change.kind {
                case .deleted:
                    return LandingEvent(kind: .removed, key: change.location.key.rawValue, at: clock.now())
                case .created, .modified:
                    return LandingEvent(
                        kind: .created, key: change.location.key.rawValue, size: change.info?.size,
                        contentHash: change.info?.contentHash, at: clock.now())
                }
            })
        }.count
    }
}
