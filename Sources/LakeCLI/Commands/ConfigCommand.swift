import ArgumentParser
import Foundation
import LakeCore
import LakeYAML

/// `lake config`: validate lake.yaml, import a DDK parameters.json.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Validate lake.yaml or import a DDK SDLF parameters.json.",
        subcommands: [Validate.self, ImportDDK.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check lake.yaml and report every problem at once.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let url = CLIContext.configURL(options.config)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw LakeError(.invalidConfig, "no config at \(url.path)", hint: "run `lake init` or pass --config PATH")
            }
            let loaded: Result<LakeConfig, ConfigErrors>
            do {
                loaded = .success(try ConfigLoader.load(url: url, registry: CLIContext.transformCatalog))
            } catch {
                loaded = .failure(error)
            }
            switch loaded {
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

    struct ImportDDK: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-ddk", abstract: "Print the lake.yaml equivalent of a DDK SDLF parameters.json.")
        @Argument(help: "Path to parameters.json.") var file: String
        @Option(help: "Environment to import (a top-level key of the file).") var env: String = "dev"
        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw LakeError(.usage, "cannot read \(file)", hint: "check the path")
            }
            let imported = try DDKImporter.importParameters(data: data, environment: env)
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
