import Foundation
import LakeAWS
import LakeCore
import LakeEngine

/// What `lake aws bootstrap` did or (in a dry run) would do.
public struct BootstrapReport: Sendable, Codable, Hashable {
    /// One step.
    public struct Step: Sendable, Codable, Hashable {
        public var step: Int
        /// bucket, queue, table, database, parameter, notification, script or job.
        public var kind: String
        public var name: String
        public var description: String
        /// created, exists or updated; nil in a dry run.
        public var outcome: String?
        /// In a dry run, what the run would report (created, exists or updated), found with
        /// read-only calls; nil otherwise.
        public var planned: String?

        public init(step: Int, kind: String, name: String, description: String, outcome: String?, planned: String? = nil) {
            self.step = step
            self.kind = kind
            self.name = name
            self.description = description
            self.outcome = outcome
            self.planned = planned
        }

        enum CodingKeys: String, CodingKey { case step, kind, name, description, outcome, planned }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(step, forKey: .step)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(description, forKey: .description)
            try c.encode(outcome, forKey: .outcome)
            try c.encodeIfPresent(planned, forKey: .planned)
        }
    }

    public var dryRun: Bool
    public var environment: String
    public var region: String
    public var endpoint: String?
    public var steps: [Step]
    /// Steps per outcome (empty in a dry run).
    public var summary: [String: Int]
}

extension LakeRuntime {
    /// Creates (or, with `dryRun`, plans) everything a lake on AWS needs: buckets, queues,
    /// DynamoDB tables, Glue databases, SSM parameters and the raw bucket's notification. Every
    /// step is idempotent; `progress` hears each finished step. A dry run reads what exists
    /// (changing nothing) and says of each step what the run would report (`planned`), so
    /// after the CloudFormation stacks of `lake aws template` it shows what they left out.
    public static func bootstrapAWS(
        _ config: LakeConfig, extensions: LakeExtensions = .builtIn, dryRun: Bool, tuning: EngineTuning = EngineTuning(),
        awsEnvironment: [String: String]? = nil,
        progress: @escaping @Sendable (BootstrapReport.Step) -> Void = { _ in }
    ) async throws -> BootstrapReport {
        guard case .aws(let storage) = config.storage else {
            throw LakeError(
                .usage, "lake.yaml keeps this lake on the embedded backend; there is nothing to bootstrap on AWS",
                hint: "set `storage: {backend: aws, region: ...}` in lake.yaml (see docs/CONFIG.md)")
        }
        let lake = try await AWSBackend.connect(storage, config: config, clock: SystemClock(), variables: awsEnvironment)
        do {
            let report = try await bootstrap(
                lake, config: config, kinds: extensions.pipelineKinds, tuning: AWSBackend.tuning(tuning), dryRun: dryRun, progress: progress)
            try? await lake.shutdown()
            return report
        } catch {
            try? await lake.shutdown()
            throw error
        }
    }

    private static func bootstrap(
        _ lake: AWSLake, config: LakeConfig, kinds: PipelineKindRegistry, tuning: EngineTuning, dryRun: Bool,
        progress: @escaping @Sendable (BootstrapReport.Step) -> Void
    ) async throws -> BootstrapReport {
        let plan = try AWSLakePlan.make(config: config, kinds: kinds, lake: lake, tuning: tuning)
        let endpoint = lake.settings.endpoint(for: .s3)
        var report = BootstrapReport(
            dryRun: dryRun, environment: config.environment, region: lake.settings.region,
            endpoint: endpoint.isCustom ? endpoint.description : nil, steps: [], summary: [:])
        if dryRun {
            let checked = try await AWSBootstrap(lake: lake).check(plan)
            report.steps = checked.enumerated().map { step($0.offset + 1, $0.element.action, outcome: nil, planned: $0.element.outcome) }
            return report
        }
        let counter = StepCounter()
        let results = try await AWSBootstrap(lake: lake).apply(plan) { result in
            progress(step(counter.next(), result.action, outcome: result.outcome))
        }
        report.steps = results.enumerated().map { step($0.offset + 1, $0.element.action, outcome: $0.element.outcome) }
        for result in results { report.summary[result.outcome.rawValue, default: 0] += 1 }
        return report
    }

    private static func step(
        _ number: Int, _ action: AWSBootstrapAction, outcome: AWSBootstrapOutcome?, planned: AWSBootstrapOutcome? = nil
    ) -> BootstrapReport.Step {
        let (kind, name): (String, String)
        switch action {
        case .createBucket(let bucket): (kind, name) = ("bucket", bucket)
        case .createQueue(let spec): (kind, name) = ("queue", spec.name.rawValue)
        case .createTable(let spec): (kind, name) = ("table", spec.name)
        case .createDatabase(let database, _): (kind, name) = ("database", database)
        case .putParameter(let parameter, _): (kind, name) = ("parameter", parameter)
        case .putQueueURLParameter(let parameter, _): (kind, name) = ("parameter", parameter)
        case .notifyQueue(let bucket, let queue, _, _): (kind, name) = ("notification", "\(bucket) -> \(queue)")
        case .uploadScript(_, _, let uri): (kind, name) = ("script", uri)
        case .createJob(let job): (kind, name) = ("job", job.name)
        }
        return BootstrapReport.Step(
            step: number, kind: kind, name: name, description: action.description, outcome: outcome?.rawValue, planned: planned?.rawValue)
    }
}

/// Numbers bootstrap steps as they finish.
private final class StepCounter: Sendable {
    private let count = LockedValue(0)
    func next() -> Int { count.update { $0 += 1; return $0 } }
}
