import Foundation
import LakeCore

/// Creates what an AWS lake needs, idempotently: buckets, queues, the Octagon tables, Glue
/// databases, SSM parameters under `/SDLF/...` and bucket notifications. ``plan(queues:databases:notifications:parameterRoot:)``
/// lists the steps (print it for a dry run); ``apply(_:progress:)`` runs them, reporting for
/// each whether it was created, already there, or updated. Running it twice changes nothing the
/// second time.
public struct AWSBootstrap: Sendable {
    /// The lake to bootstrap.
    public let lake: AWSLake

    /// Creates a bootstrap for `lake`.
    public init(lake: AWSLake) { self.lake = lake }

    /// The steps for the lake's buckets and tables, the given queues (dead-letter queues
    /// first), Glue databases and notifications, and the SSM parameters naming them all.
    /// `queueParameters` name SSM parameters (under `parameterRoot`) to hold queue URLs.
    public func plan(
        queues: [AWSQueueSpec] = [], databases: [String] = [],
        notifications: [(bucket: String, queue: QueueName, events: [String], prefix: String?)] = [],
        parameterRoot: String = "/SDLF", queueParameters: [(name: String, queue: QueueName)] = [], extraTables: [DynamoTableSpec] = []
    ) -> AWSBootstrapPlan {
        AWSBootstrap.plan(
            layout: lake.layout, tables: lake.tables, environment: lake.environment, queues: queues, databases: databases,
            notifications: notifications, parameterRoot: parameterRoot, queueParameters: queueParameters, extraTables: extraTables)
    }

    /// The plan of a lake with this layout, tables and environment, without connecting to it
    /// (`lake aws template` synthesizes CloudFormation from it); see the instance method.
    public static func plan(
        layout: S3ZoneLayout, tables: DynamoMetadataTables, environment: String, queues: [AWSQueueSpec] = [], databases: [String] = [],
        notifications: [(bucket: String, queue: QueueName, events: [String], prefix: String?)] = [],
        parameterRoot: String = "/SDLF", queueParameters: [(name: String, queue: QueueName)] = [], extraTables: [DynamoTableSpec] = []
    ) -> AWSBootstrapPlan {
        var actions: [AWSBootstrapAction] = layout.buckets.map { .createBucket($0) }
        actions += ordered(queues).map { .createQueue($0) }
        actions += (tables.specs + extraTables).map { .createTable($0) }
        actions += databases.map { .createDatabase(name: $0, description: "SwiftLake \(environment)") }
        actions += parameters(root: parameterRoot, layout: layout, tables: tables, environment: environment).map { .putParameter(name: $0.0, value: $0.1) }
        actions += queueParameters.map { .putQueueURLParameter(name: "\(parameterRoot)/\($0.name)", queue: $0.queue) }
        actions += notifications.map { .notifyQueue(bucket: $0.bucket, queue: $0.queue, events: $0.events, prefix: $0.prefix) }
        return AWSBootstrapPlan(actions: actions)
    }

    /// Runs the steps in order, calling `progress` after each; stops at the first failure.
    @discardableResult
    public func apply(_ plan: AWSBootstrapPlan, progress: @Sendable (AWSBootstrapResult) -> Void = { _ in }) async throws
        -> [AWSBootstrapResult]
    {
        var results: [AWSBootstrapResult] = []
        for action in plan.actions {
            let result = AWSBootstrapResult(action: action, outcome: try await run(action))
            progress(result)
            results.append(result)
        }
        return results
    }

    /// The SSM parameters: bucket and table names, as SDLF's components look them up (the WLM
    /// table as the WLM extension names it, `Dynamo/wlm`).
    static func parameters(root: String, layout: S3ZoneLayout, tables: DynamoMetadataTables, environment: String) -> [(String, String)] {
        [
            ("\(root)/S3/RawBucket", layout.bucket(for: .raw)), ("\(root)/S3/StageBucket", layout.bucket(for: .stage)),
            ("\(root)/S3/AnalyticsBucket", layout.bucket(for: .analytics)),
            ("\(root)/S3/ArtifactsBucket", layout.bucket(for: .artifacts)),
            ("\(root)/S3/ArtifactsPrefix", layout.keyPrefix(for: .artifacts)),
            ("\(root)/Dynamo/ObjectCatalog", tables.objects), ("\(root)/Dynamo/Datasets", tables.datasets),
            ("\(root)/Dynamo/Pipelines", tables.pipelines), ("\(root)/Dynamo/PipelineExecutionHistory", tables.executions),
            ("\(root)/Dynamo/Events", tables.events), ("\(root)/Dynamo/Manifests", tables.manifests),
            ("\(root)/Dynamo/ExecutionSlots", tables.slots),
            ("\(root)/Dynamo/wlm", tables.wlm), ("\(root)/Misc/Environment", environment),
        ].filter { !$0.1.isEmpty }
    }

    /// The bytes of a local job script, or an error that names it.
    static func script(_ file: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw LakeError(
                .notFound, "the Glue job script \(file) cannot be read: \(error.localizedDescription)",
                hint: "fix the glue-job option `script` in lake.yaml (a path relative to lake.yaml, or an s3:// URI)", context: ["file": file])
        }
    }

    /// Writes an SSM parameter unless it already holds `value`.
    private func putParameter(name: String, value: String) async throws -> AWSBootstrapOutcome {
        guard let existing = try await lake.ssm.parameter(name: name) else {
            try await lake.ssm.putParameter(name: name, value: value)
            return .created
        }
        if existing.value == value { return .exists }
        try await lake.ssm.putParameter(name: name, value: value)
        return .updated
    }

    /// Queues ordered so each dead-letter queue comes before the queues that use it.
    static func ordered(_ queues: [AWSQueueSpec]) -> [AWSQueueSpec] {
        var done: Set<QueueName> = []
        var out: [AWSQueueSpec] = []
        let byName = Dictionary(queues.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func visit(_ spec: AWSQueueSpec, _ depth: Int) {
            guard !done.contains(spec.name), depth < 8 else { return }
            if let dlq = spec.options.deadLetterQueue, let dlqSpec = byName[dlq] { visit(dlqSpec, depth + 1) }
            done.insert(spec.name)
            out.append(spec)
        }
        for spec in queues { visit(spec, 0) }
        return out
    }

    private func run(_ action: AWSBootstrapAction) async throws -> AWSBootstrapOutcome {
        switch action {
        case .createBucket(let bucket):
            return try await lake.objects.client.createBucket(bucket) ? .created : .exists
        case .createQueue(let spec):
            let existed = try await lake.queues.options(of: spec.name) != nil
            try await lake.queues.createQueue(spec.name, options: spec.options)
            return existed ? .exists : .created
        case .createTable(let spec):
            let dynamo = lake.metadata.client
            let created = try await dynamo.createTable(spec)
            try await dynamo.waitUntilActive(spec.name)
            if let ttl = spec.ttlAttribute { try await dynamo.enableTimeToLive(table: spec.name, attribute: ttl) }
            return created ? .created : .exists
        case .createDatabase(let name, let description):
            return try await lake.catalog.client.createDatabase(GlueDatabase(name: name, description: description)) ? .created : .exists
        case .putParameter(let name, let value):
            return try await putParameter(name: name, value: value)
        case .putQueueURLParameter(let name, let queue):
            guard let url = try await lake.queues.client.queueURL(name: queue.rawValue) else {
                throw LakeError(
                    .notFound, "queue \(queue) does not exist", hint: "create it before naming it in a parameter",
                    context: ["queue": queue.rawValue, "parameter": name])
            }
            // A URL of the same queue under another host (CloudFormation's `Ref`) is kept.
            if let existing = try await lake.ssm.parameter(name: name), Self.sameQueue(existing.value, url) { return .exists }
            return try await putParameter(name: name, value: url)
        case .notifyQueue(let bucket, let queue, let events, let prefix):
            return try await notify(bucket: bucket, queue: queue, events: events, prefix: prefix)
        case .uploadScript(let file, let key, _):
            let data = try Self.script(file)
            let location = ObjectLocation(.artifacts, try ObjectKey(key))
            let existing = try await lake.objects.head(location) != nil ? try await lake.objects.get(location) : nil
            if existing == data { return .exists }
            _ = try await lake.objects.put(data, at: location)
            return existing == nil ? .created : .updated
        case .createJob(let job):
            switch try await lake.catalog.client.jobMatches(job) {
            case nil:
                return try await lake.catalog.client.createJob(job) ? .created : .exists
            case false?:
                try await lake.catalog.client.updateJob(job)
                return .updated
            case true?:
                return .exists
            }
        }
    }
}
