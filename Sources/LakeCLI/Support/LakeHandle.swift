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

    /// Opens the backend named in `config`. Stage B always ends with the catalog crawler;
    /// `partitionSync` adds the raw partition job on its interval (`lake run`).
    static func open(
        config: LakeConfig, verbose: Bool, clock: any LakeClock = SystemClock(), tuning: EngineTuning = EngineTuning(), watch: Bool = false,
        partitionSync: Bool = false
    ) async throws -> LakeHandle {
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
            let services: [any LakeService] = partitionSync ? [PartitionSyncService(env: env)].compactMap { $0 } : []
            let engine = LakeEngine(env: env, landingSources: sources, crawler: CatalogCrawler(env: env), extraServices: services)
            return LakeHandle(config: config, env: env, engine: engine, embedded: lake)
        case .aws(let storage):
            return try await openAWS(config: config, storage: storage, logger: logger, clock: clock, tuning: tuning, partitionSync: partitionSync)
        }
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
