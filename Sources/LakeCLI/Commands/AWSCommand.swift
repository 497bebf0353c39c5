import ArgumentParser
import Foundation
import LakeAWS
import LakeCore

/// `lake aws`: tools for lakes with `storage: {backend: aws}`.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws", abstract: "Tools for a lake on AWS (storage.backend: aws).",
        discussion: "Credentials, region and endpoint are read as the AWS CLI reads them (environment, ~/.aws files), then from lake.yaml.",
        subcommands: [Bootstrap.self])

    /// `lake aws bootstrap`: creates what the lake needs, idempotently.
    struct Bootstrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bootstrap",
            abstract: "Create the lake's buckets, queues, DynamoDB tables, Glue databases, SSM parameters and S3 notifications.",
            discussion: """
                Every step is idempotent and prints created, exists or updated; running it again changes nothing. \
                --dry-run prints the steps and changes nothing.
                """)

        @Flag(help: "Print the steps without calling AWS.") var dryRun = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        /// One step in `--json` output.
        struct Step: Encodable {
            var step: Int
            var kind: String
            var name: String
            var description: String
            /// created, exists or updated; nil in a dry run.
            var outcome: String?
        }

        /// The `--json` output.
        struct Report: Encodable {
            var dryRun: Bool
            var environment: String
            var region: String
            var endpoint: String?
            var steps: [Step]
            /// Steps per outcome (empty in a dry run).
            var summary: [String: Int]
        }

        func run() async throws {
            let config = try CLIContext.loadConfig(CLIContext.configURL(options.config))
            guard case .aws(let storage) = config.storage else {
                throw LakeError(
                    .usage, "lake.yaml keeps this lake on the embedded backend; there is nothing to bootstrap on AWS",
                    hint: "set `storage: {backend: aws, region: ...}` in lake.yaml (see docs/CONFIG.md)")
            }
            let lake = try await LakeHandle.connectAWS(config: config, storage: storage, clock: SystemClock())
            let plan = AWSLakePlan.make(config: config, lake: lake)
            let endpoint = lake.settings.endpoint(for: .s3)
            var report = Report(
                dryRun: dryRun, environment: config.environment, region: lake.settings.region,
                endpoint: endpoint.isCustom ? endpoint.description : nil, steps: [], summary: [:])
            if dryRun {
                report.steps = plan.actions.enumerated().map { Self.step($0.offset + 1, $0.element, outcome: nil) }
                if output.json { return try Console.json(report) }
                print("dry run: \(plan.actions.count) steps for environment \(config.environment) in \(lake.settings.region)\(report.endpoint.map { " at \($0)" } ?? ""); nothing changed")
                print(plan.description)
                return
            }
            if !output.json {
                Console.note("bootstrapping environment \(config.environment) in \(lake.settings.region)\(report.endpoint.map { " at \($0)" } ?? "")")
            }
            let json = output.json
            let results = try await AWSBootstrap(lake: lake).apply(plan) { result in
                if !json { print(result.description) }
            }
            report.steps = results.enumerated().map { Self.step($0.offset + 1, $0.element.action, outcome: $0.element.outcome) }
            for result in results { report.summary[result.outcome.rawValue, default: 0] += 1 }
            if json { return try Console.json(report) }
            let counts = [AWSBootstrapOutcome.created, .exists, .updated].map { "\(report.summary[$0.rawValue] ?? 0) \($0.rawValue)" }
            print("done: \(counts.joined(separator: ", "))")
        }

        static func step(_ number: Int, _ action: AWSBootstrapAction, outcome: AWSBootstrapOutcome?) -> Step {
            let (kind, name): (String, String)
            switch action {
            case .createBucket(let bucket): (kind, name) = ("bucket", bucket)
            case .createQueue(let spec): (kind, name) = ("queue", spec.name.rawValue)
            case .createTable(let spec): (kind, name) = ("table", spec.name)
            case .createDatabase(let database, _): (kind, name) = ("database", database)
            case .putParameter(let parameter, _): (kind, name) = ("parameter", parameter)
            case .putQueueURLParameter(let parameter, _): (kind, name) = ("parameter", parameter)
            case .notifyQueue(let bucket, let queue, _, _): (kind, name) = ("notification", "\(bucket) -> \(queue)")
            }
            return Step(step: number, kind: kind, name: name, description: action.description, outcome: outcome?.rawValue)
        }
    }
}
