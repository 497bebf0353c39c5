import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeYAML

/// `lake config`: validate lake.yaml, list transforms and pipeline types, import a DDK parameters.json.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Validate lake.yaml, list transforms and pipeline types, or import a DDK SDLF parameters.json.",
        subcommands: [Validate.self, Transforms.self, Kinds.self, ImportDDK.self])

    struct Validate: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check lake.yaml and report every problem at once.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let url = LakeConfigFile.url(options.config)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw LakeError(.invalidConfig, "no config at \(url.path)", hint: "run `lake init` or pass --config PATH")
            }
            switch LakeConfigFile.validate(url, extensions: context.extensions) {
            case .success(let config):
                if output.json {
                    try Console.json(ValidationOutput(valid: true, issues: []))
                } else {
                    print("\(url.lastPathComponent) is valid: \(config.teams.count) team(s), \(config.pipelines.count) pipeline(s), \(config.datasets.count) dataset(s)")
                }
            case .failure(let errors):
                if output.json {
                    try Console.json(ValidationOutput(valid: false, issues: errors.issues.map(IssueOutput.init)))
                    throw CommandFailure(code: 2, message: "")
                }
                throw CommandFailure(code: 2, message: "\(errors)")
            }
        }

        struct ValidationOutput: Encodable {
            var valid: Bool
            var issues: [IssueOutput]
        }
        struct IssueOutput: Encodable {
            var path: String
            var line: Int?
            var column: Int?
            var message: String
            var hint: String?
            init(_ issue: ConfigIssue) {
                path = issue.path
                line = issue.line
                column = issue.column
                message = issue.message
                hint = issue.hint
            }
        }
    }

    struct Transforms: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "transforms", abstract: "List the transforms this binary knows, with their options.",
            discussion: "Stage a transforms run per object, stage b per batch. `lake config validate` checks every options: mapping against these.")
        @OptionGroup var output: OutputOptions

        func run(in context: CLIContext) async throws {
            let descriptors = context.extensions.transforms.descriptors
            if output.json { return try Console.json(descriptors) }
            for d in descriptors {
                print("\(d.name) (stage \(d.stage.rawValue)): \(d.summary)")
                for o in d.options {
                    var text = "    \(o.name): \(o.type.rawValue)"
                    if let allowed = o.allowed { text += " (\(allowed.joined(separator: " | ")))" }
                    if let value = o.defaultValue { text += ", default \(value)" }
                    print(text + " — \(o.summary)")
                }
                if d.options.isEmpty && !d.acceptsOtherOptions { print("    no options") }
                if d.acceptsOtherOptions { print("    other options are passed on unchecked") }
            }
        }
    }

    struct Kinds: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "kinds", abstract: "List the pipeline types (`type:`) this binary knows.")
        @OptionGroup var output: OutputOptions

        struct Row: Encodable {
            var name: String
            var summary: String
            var runsStageB: Bool
        }

        func run(in context: CLIContext) async throws {
            let rows = context.extensions.pipelineKinds.all.map { Row(name: $0.name, summary: $0.summary, runsStageB: $0.runsStageB) }
            if output.json { return try Console.json(rows) }
            print(Console.table(["TYPE", "STAGES", "WHAT IT RUNS"], rows.map { [$0.name, $0.runsStageB ? "a, b" : "a", $0.summary] }))
        }
    }

    struct ImportDDK: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-ddk", abstract: "Print the lake.yaml equivalent of a DDK SDLF parameters.json.")
        @Argument(help: "Path to parameters.json.") var file: String
        @Option(help: "Environment to import (a top-level key of the file).") var env: String = "dev"
        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?

        func run(in context: CLIContext) async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LakeError(.usage, "cannot read \(file)", hint: "check the path")
            }
            let imported = try DDKImporter.importParameters(
                data: data, environment: env, registry: context.extensions.transformCatalog, kinds: context.extensions.pipelineKinds)
            if let output {
                try Data(imported.yaml.utf8).write(to: URL(fileURLWithPath: output))
                Console.note("wrote \(output)")
            } else {
                print(imported.yaml, terminator: imported.yaml.hasSuffix("\n") ? "" : "\n")
            }
            for note in imported.notes { Console.note("note: \(note)") }
        }
    }
}
