import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine
import Logging

extension LakeRuntime {
    /// Opens the lake of `config` to work on it: connects the backend's adapters, builds the
    /// engine (stage B always ends with the catalog crawler) and prepares it — queues created,
    /// registry rows written, stage-B executions of workers that died on this host released.
    public static func open(
        _ config: LakeConfig, extensions: LakeExtensions = .builtIn, options: RuntimeOptions = RuntimeOptions()
    ) async throws -> LakeRuntime {
        let runtime = try await assemble(config, extensions: extensions, options: options, readOnly: false)
        do {
            try await runtime.engine.prepare()
        } catch {
            await runtime.close()
            throw error
        }
        return runtime
    }

    /// Opens the lake of `config` to look at it: nothing is created (no directory, queue or
    /// registry row) and nothing released. A lake that does not exist yet is a one-line
    /// `.notFound` error (exit 1 in the CLI).
    public static func openReadOnly(
        _ config: LakeConfig, extensions: LakeExtensions = .builtIn, options: RuntimeOptions = RuntimeOptions()
    ) async throws -> LakeRuntime {
        try await assemble(config, extensions: extensions, options: options, readOnly: true)
    }

    private static func assemble(_ config: LakeConfig, extensions: LakeExtensions, options: RuntimeOptions, readOnly: Bool) async throws -> LakeRuntime {
        var logger = Logger(label: "swiftlake")
        logger.logLevel = options.verbose ? .info : .critical
        let backend: Backend
        var env: LakeEnvironment
        var landing: [any LandingSource] = []
        switch config.storage {
        case .embedded(let storage):
            let (lake, work) = readOnly
                ? try EmbeddedBackend.openExisting(storage, config: config, clock: options.clock)
                : try EmbeddedBackend.open(storage, config: config, clock: options.clock)
            backend = .embedded(lake)
            env = LakeEnvironment(
                config: config, objects: lake.objectStore, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
                clock: options.clock, transforms: extensions.transforms, pipelineKinds: extensions.pipelineKinds, logger: logger,
                workDirectory: work, tuning: options.tuning)
            if options.watch && !readOnly { landing.append(WatcherLandingSource(watcher: lake.watcher, clock: options.clock)) }
        case .aws(let storage):
            let lake = try await AWSBackend.connect(storage, config: config, clock: options.clock, variables: options.awsEnvironment)
            do {
                if readOnly { try await AWSBackend.requireExisting(lake, config: config) }
                let work = readOnly
                    ? FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-\(config.environment)/read-only", isDirectory: true)
                    : try AWSWorkDirectory.create(environment: config.environment)
                backend = .aws(lake, workDirectory: work)
            } catch {
                try? await lake.shutdown()
                throw error
            }
            // Landing on AWS is S3's event notifications to the catalog queue (`lake aws bootstrap`).
            env = LakeEnvironment(
                config: config, objects: lake.objects, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
                clock: options.clock, transforms: extensions.transforms, pipelineKinds: extensions.pipelineKinds, logger: logger,
                workDirectory: backend.workDirectory, tuning: AWSBackend.tuning(options.tuning))
        }
        env.onExecutionEnd = executionEndHook(options.onExecutionEnd, notifiers: extensions.notifiers, logger: logger)
        var services: [any LakeService] = []
        if options.daemonServices && !readOnly {
            if let partitions = PartitionSyncService(env: env) { services.append(partitions) }
            services.append(QueueDepthSampler(env: env, topology: Topology(config: config, kinds: extensions.pipelineKinds)))
        }
        let engine = LakeEngine(env: env, landingSources: landing, crawler: CatalogCrawler(env: env), extraServices: services)
        return LakeRuntime(config: config, extensions: extensions, env: engine.env, engine: engine, isReadOnly: readOnly, backend: backend)
    }

    /// Calls `onEnd` for every ended execution and hands failed ones to the notifiers, each in a
    /// task of its own so a slow notifier never holds up the pipeline.
    private static func executionEndHook(
        _ onEnd: (@Sendable (ExecutionRecord) -> Void)?, notifiers: [any LakeNotifier], logger: Logger
    ) -> (@Sendable (ExecutionRecord) -> Void)? {
        guard !notifiers.isEmpty else { return onEnd }
        return { record in
            onEnd?(record)
            guard record.status == .failed else { return }
            let notification = LakeNotification.failed(record)
            for notifier in notifiers {
                Task {
                    do {
                        try await notifier.notify(notification)
                    } catch {
                        logger.error("notifier failed", metadata: ["notifier": "\(notifier.name)", "error": "\(error)"])
                    }
                }
            }
        }
    }
}

extension Backend {
    var workDirectory: URL {
        switch self {
        case .embedded(let lake): return lake.layout.directory.appendingPathComponent("state/work", isDirectory: true)
        case .aws(_, let work): return work
        }
    }
}
