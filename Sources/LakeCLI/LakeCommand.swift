import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeFormats
import LakeRuntime

/// The `lake` command: every subcommand of SwiftLake's CLI.
///
/// Exit codes: 0 success, 1 failure, 2 usage or config error.
public struct LakeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "SwiftLake: a data lake framework that runs embedded or on AWS.",
        discussion: "Start with `lake demo`, or `lake init` to create a lake.yaml.",
        version: SwiftLakeVersion.current,
        subcommands: [
            InitCommand.self, DemoCommand.self, IngestCommand.self, RunCommand.self, ProcessCommand.self, AWSCommand.self,
            StatusCommand.self, ExecutionsCommand.self, ObjectsCommand.self, RedriveCommand.self,
            PipelinesCommand.self, WLMCommand.self, ServeCommand.self, WFMCommand.self, ConfigCommand.self, ConvertCommand.self, SchemaCommand.self,
            CatCommand.self, ParquetMetaCommand.self, BenchCommand.self, CatalogCommand.self, PartitionsCommand.self, CompactCommand.self, DQCommand.self,
        ]
    )
    public init() {}

    /// Prints an error the way users should see it and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let lake as LakeError:
            Console.error(lake.description)
            return lake.isUsageError ? 2 : 1
        case let format as FormatError:
            // The formats library's errors, from `lake convert`, `schema`, `cat` and `parquet-meta`.
            return report(FormatErrors.lake(format))
        case let failure as CommandFailure:
            if !failure.message.isEmpty { Console.error(failure.message) }
            return failure.code
        default:
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { Console.error(message) }
            // ArgumentParser reports usage errors as EX_USAGE (64); ours are 2.
            return code.rawValue == 64 ? 2 : code.rawValue
        }
    }
}

/// Runs the `lake` CLI. The stock binary calls ``main(extensions:)`` with the built-in
/// transforms and pipeline kinds; a custom binary registers its own first (see Examples/Extensions).
public enum LakeCLI {
    /// Parses the process arguments, runs the command with `extensions` and exits with its code.
    public static func main(extensions: LakeExtensions = .builtIn) async -> Never {
        let code = await run(arguments: Array(CommandLine.arguments.dropFirst()), extensions: extensions)
        fflush(nil)
        Foundation.exit(code)
    }

    /// Runs one command line and returns the exit code. Runtimes the command opened are closed
    /// however it ends.
    static func run(arguments: [String], extensions: LakeExtensions) async -> Int32 {
        let context = CLIContext(extensions: extensions)
        do {
            var command = try LakeCommand.parseAsRoot(arguments)
            if let contextual = command as? any ContextCommand {
                try await contextual.run(in: context)
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            await context.closeAll()
            return 0
        } catch {
            await context.closeAll()
            return LakeCommand.report(error)
        }
    }
}

/// An error that has already been explained; carries the exit code.
struct CommandFailure: Error {
    var code: Int32
    var message: String
}

/// SwiftLake's version, printed by `lake --version` and written into Parquet files.
public enum SwiftLakeVersion {
    public static let current = "0.1.0"
}
