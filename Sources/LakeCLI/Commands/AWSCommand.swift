import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake aws`: tools for lakes with `storage: {backend: aws}`.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws", abstract: "Tools for a lake on AWS (storage.backend: aws).",
        discussion: """
            Credentials, region and endpoints are read as the AWS SDKs read them, then from lake.yaml: environment keys, \
            web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), the profile in ~/.aws (keys, assumed roles, \
            credential_process), container credentials (AWS_CONTAINER_CREDENTIALS_*), then EC2 instance metadata (IMDSv2). \
            `lake aws whoami` shows which one is used. See docs/AWS.md.
            """,
        subcommands: [Bootstrap.self, Template.self, Whoami.self])

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

    /// `lake aws whoami`: the identity and credential source the chain resolves to.
    struct Whoami: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "whoami",
            abstract: "Show the AWS account, ARN and user id lake acts as, where its credentials come from, and the region.",
            discussion: """
                Calls STS GetCallerIdentity with the credentials the chain finds. Uses lake.yaml's region and endpoint when \
                it keeps the lake on AWS (and a lake.yaml is there); no secret is printed.
                """)

        @Option(help: "The profile of ~/.aws/config to read (default: $AWS_PROFILE, else default).") var profile: String?
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let url = LakeConfigFile.url(options.config)
            let explicit = options.config != nil || !(ProcessInfo.processInfo.environment["LAKE_CONFIG"] ?? "").isEmpty
            let config = explicit || FileManager.default.fileExists(atPath: url.path) ? try context.config(options) : nil
            let identity = try await LakeRuntime.awsIdentity(config, profile: profile)
            if output.json { return try Console.json(identity) }
            let expiry = identity.expiresAt.map { ", expires \(LakeJSON.timestamp($0))" } ?? ""
            let rows = [
                ("account", identity.account), ("arn", identity.arn), ("user id", identity.userId),
                ("credentials", identity.credentialSource),
                ("access key", "\(identity.accessKeyId) (\(identity.temporary ? "temporary" : "long-term")\(expiry))"),
                ("region", identity.region), ("profile", identity.profile), ("sts", identity.stsEndpoint),
            ]
            for (name, value) in rows { print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
        }
    }
}
