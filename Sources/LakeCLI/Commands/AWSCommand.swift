import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake aws`: tools for lakes with `storage: {backend: aws}`.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws", abstract: "Tools for a lake on AWS (storage.backend: aws).",
        discussion: "Credentials, region and endpoint are read as the AWS CLI reads them (environment, ~/.aws files), then from lake.yaml.",
        subcommands: [Bootstrap.self, Template.self])

    /// `lake aws bootstrap`: creates what the lake needs, idempotently.
    struct Bootstrap: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "bootstrap",
            abstract: "Create the lake's buckets, queues, DynamoDB tables, Glue databases, SSM parameters and S3 notifications.",
            discussion: """
                Every step is idempotent and prints created, exists or updated; running it again changes nothing. \
                --dry-run reads what exists and prints what each step would do, changing nothing.
                """)

        @Flag(help: "Print what each step would do (read-only calls), changing nothing.") var dryRun = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let config = try context.config(options)
            let json = output.json
            if !dryRun && !json, case .aws = config.storage {
                Console.note("bootstrapping environment \(config.environment)")
            }
            let report = try await LakeRuntime.bootstrapAWS(config, extensions: context.extensions, dryRun: dryRun) { step in
                if !json { print("\((step.outcome ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)) \(step.description)") }
            }
            if json { return try Console.json(report) }
            if dryRun {
                let planned = ["created", "exists", "updated"].map { state in "\(report.steps.filter { $0.planned == state }.count) would be \(state == "exists" ? "found" : state)" }
                print("dry run: \(report.steps.count) steps for environment \(config.environment) in \(report.region)\(report.endpoint.map { " at \($0)" } ?? ""): \(planned.joined(separator: ", ")); nothing changed")
                print(report.steps.map { "\($0.step). \(($0.planned ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)) \($0.description)" }.joined(separator: "\n"))
                return
            }
            let counts = ["created", "exists", "updated"].map { "\(report.summary[$0] ?? 0) \($0)" }
            print("done: \(counts.joined(separator: ", "))")
        }
    }
}
