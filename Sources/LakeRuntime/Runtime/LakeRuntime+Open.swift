import Foundation
import LakeCore
import LakeAMC
import LakeAWS
import LakeEmbedded
import LakeEngine
import LakeWorkflows
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
            if !readOnly || FileManager.default.fileExists(atPath: lake.layout.quality.path) {
                env.quality = try SQLiteQualityStore(url: lake.layout.quality)
            }
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
            let quality = DynamoQualityStore(client: lake.metadata.client, tables: DynamoQualityTables(environment: config.environment))
            if !readOnly, config.datasets.contains(where: { $0.quality != nil || $0.tables.contains { $0.quality != nil } }) {
                try await quality.createTables()
            }
            // Stage B on Glue: the real `glue-job` replaces the built-in placeholder.
            var transforms = extensions.transforms
            let glue = GlueClient(transport: lake.transport)
            let objects = lake.objects
            let environment = config.environment
            transforms.register(heavy: "glue-job", summary: GlueJobOptions.summary, options: GlueJobOptions.specs) {
                try GlueJobTransform(settings: GlueJobSettings(options: $0), environment: environment, glue: glue, objects: objects)
            }
            env = LakeEnvironment(
                config: config, objects: lake.objects, queues: lake.queues, metadata: lake.metadata, catalog: lake.catalog,
                clock: options.clock, transforms: transforms, pipelineKinds: extensions.pipelineKinds, logger: logger,
                workDirectory: backend.workDirectory, tuning: AWSBackend.tuning(options.tuning))
            env.quality = quality
        }
        env.onExecutionEnd = options.onExecutionEnd
        env.timings = options.timings
        var resources: [@Sendable () async -> Void] = []
        if !readOnly {
            let dispatcher = try await notifications(config, extensions: extensions, options: options, backend: backend, env: env, resources: &resources)
            env.onNotification = { dispatcher.post($0) }
            // Closing lets deliveries under way finish (a webhook retrying for a few seconds).
            resources.insert({ await dispatcher.inFlight.drain(limit: .seconds(15)) }, at: 0)
        }
        let workflows = try await workflowManager(config, options: options, backend: backend, env: env, readOnly: readOnly, resources: &resources)
        var services: [any LakeService] = []
        if let workflows {
            // Provisioned tenants' teams and datasets route like lake.yaml's own.
            do {
                env.config = config.addingTenantDatasets(try await workflows.env.stores.tenants())
            } catch {
                // The WFM tables may not exist yet (`wfm:` added, `lake aws bootstrap` not rerun):
                // the lake still opens, routing lake.yaml's own datasets.
                env.logger.warning("provisioned tenants' datasets not routed: \(error)")
            }
            if case .embedded(let lake) = backend, options.watch && !readOnly {
                landing.append(TenantLandingSource(
                    layout: lake.layout, tenants: workflows.env.stores, objects: env.objects, watcher: lake.watcher, config: env.config,
                    clock: env.clock, logger: env.logger))
            }
        }
        if let workflows, !readOnly {
            services += [
                WorkflowConsumer(env: workflows.env), WorkflowScheduler(env: workflows.env), WorkflowStatusSync(env: workflows.env),
                WorkflowSyncRetrier(env: workflows.env),
                TenantProvisionRetrier(provisioner: TenantProvisioner(manager: workflows, env: env, declared: config, backend: backend)),
            ]
            if case .aws(let lake, _) = backend {
                services.append(TenantBucketRouter(lake: lake, tenants: workflows.env.stores, config: env.config, clock: env.clock, logger: env.logger))
            }
        }
        if options.daemonServices && !readOnly {
            if let partitions = PartitionSyncService(env: env) { services.append(partitions) }
            services.append(QueueDepthSampler(env: env, topology: Topology(config: config, kinds: extensions.pipelineKinds)))
            if let compaction = CompactionService(env: env, topology: Topology(config: env.config, kinds: extensions.pipelineKinds)) {
                services.append(compaction)
            }
        }
        let engine = LakeEngine(env: env, landingSources: landing, crawler: CatalogCrawler(env: env), extraServices: services)
        return LakeRuntime(
            config: env.config, declaredConfig: config, extensions: extensions, env: engine.env, engine: engine, isReadOnly: readOnly, backend: backend, workflows: workflows,
            resources: resources)
    }

    /// The workflow manager over the backend's stores: SQLite beside the embedded lake; DynamoDB
    /// on AWS when lake.yaml has `wfm:`. Tenants declared in lake.yaml are saved at every
    /// writable open; status changes go to `wfm.notify`.
    private static func workflowManager(
        _ config: LakeConfig, options: RuntimeOptions, backend: Backend, env: LakeEnvironment, readOnly: Bool,
        resources: inout [@Sendable () async -> Void]
    ) async throws -> WorkflowManager? {
        let stores: any WorkflowStores
        switch backend {
        case .embedded(let lake):
            if readOnly && !FileManager.default.fileExists(atPath: lake.layout.workflows.path) { return nil }
            stores = try SQLiteWorkflowStore(url: lake.layout.workflows)
        case .aws(let lake, _):
            guard let wfm = config.wfm else { return nil }
            stores = DynamoWorkflowStore(client: lake.metadata.client, tables: DynamoWorkflowTables(team: wfm.team, environment: config.environment))
        }
        var wenv = WorkflowEnvironment(
            config: config, stores: stores, queues: env.queues, events: env.metadata,
            clients: options.amcClients ?? HTTPAMCClientFactory { [variables = options.awsEnvironment, backend] in
                AWSBackend.credentialProvider(backend: backend, variables: variables)
            }, clock: env.clock, ids: env.ids,
            logger: env.logger, worker: ProcessIdentity.current.description + "|" + String(UInt32.random(in: 0...UInt32.max), radix: 36))
        if let notify = wenv.wfm.notify, !readOnly {
            var sns: (client: SNSClient, topic: String)?
            if let arn = notify.snsTopicArn, case .aws(let lake, _) = backend { sns = (lake.sns, arn) }
            let inFlight = InFlightTasks()
            let webhook: WebhookNotifier? = notify.webhook.map { WebhookNotifier(url: $0) }
            let notifier = WorkflowStatusNotifier(webhook: webhook, sns: sns, logger: env.logger, inFlight: inFlight)
            wenv.onStatusChange = { notifier.post($0) }
            resources.insert({ await inFlight.drain(limit: .seconds(15)) }, at: 0)
        }
        let manager = WorkflowManager(env: wenv)
        if !readOnly, !wenv.wfm.tenants.isEmpty {
            let now = env.clock.now()
            try await manager.putTenants(try wenv.wfm.tenants.enumerated().map { try TenantDocument.parse($0.element, at: now, label: "wfm.tenants[\($0.offset)]") })
        }
        return manager
    }

    /// The dispatcher of the engine's notifications: each team's webhook and SNS topic from
    /// lake.yaml, and the binary's own notifiers. SNS goes through the lake's AWS connection, or
    /// (embedded lakes) one opened for the topic's region and closed with the runtime.
    private static func notifications(
        _ config: LakeConfig, extensions: LakeExtensions, options: RuntimeOptions, backend: Backend, env: LakeEnvironment,
        resources: inout [@Sendable () async -> Void]
    ) async throws -> NotificationDispatcher {
        var teams: [String: NotificationDispatcher.TeamRoute] = [:]
        var snsClients: [String: SNSClient] = [:]
        for team in config.teams {
            guard let notify = team.notify else { continue }
            var notifiers: [any LakeNotifier] = []
            if let webhook = notify.webhook { notifiers.append(WebhookNotifier(url: webhook, dashboardURL: options.dashboardURL)) }
            if let arn = notify.snsTopicArn {
                let region = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? "us-east-1"
                var client: SNSClient?
                if case .aws(let lake, _) = backend, lake.settings.region == region {
                    client = lake.sns
                } else if let existing = snsClients[region] {
                    client = existing
                } else {
                    do {
                        let variables = options.awsEnvironment.map(AWSEnvironment.init) ?? .process
                        var settings = try AWSSettings.resolve(environment: variables, configRegion: region)
                        settings.region = region
                        let transport = AWSTransport(settings: settings)
                        resources.append { try? await transport.shutdown() }
                        client = SNSClient(transport: transport)
                        snsClients[region] = client
                    } catch {
                        // Credentials missing on this machine: the topic is told nothing, and
                        // the rest of the lake keeps working; say why once.
                        env.logger.error("team \(team.name): no SNS notifications: \(error)")
                    }
                }
                if let client { notifiers.append(SNSNotifier(topicArn: arn, client: client, dashboardURL: options.dashboardURL)) }
            }
            teams[team.name] = .init(kinds: Set(notify.on), notifiers: notifiers)
        }
        return NotificationDispatcher(
            teams: teams, everywhere: extensions.notifiers, events: env.metadata, clock: env.clock, ids: env.ids, logger: env.logger)
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
