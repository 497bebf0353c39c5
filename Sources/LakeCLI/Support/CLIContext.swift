import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// What every command run shares: the extensions the binary was built with (passed to
/// ``LakeCLI/main(extensions:)``, never read from a global) and the runtimes the command
/// opened, closed by ``LakeCLI`` when the command returns, however it ends.
final class CLIContext: Sendable {
    let extensions: LakeExtensions
    private let opened = LockedValue<[LakeRuntime]>([])

    init(extensions: LakeExtensions) { self.extensions = extensions }

    /// Loads and validates the config `options` names (exit 2 on problems).
    func config(_ options: ConfigOptions) throws -> LakeConfig {
        try LakeConfigFile.load(LakeConfigFile.url(options.config), extensions: extensions)
    }

    /// Opens the lake to work on it (queues and registry rows created as needed).
    func open(_ options: ConfigOptions, configure: (inout RuntimeOptions) -> Void = { _ in }) async throws -> LakeRuntime {
        try await open(config(options), verbose: options.verbose, configure: configure)
    }

    /// Opens the lake of `config` to work on it.
    func open(_ config: LakeConfig, verbose: Bool, configure: (inout RuntimeOptions) -> Void = { _ in }) async throws -> LakeRuntime {
        var runtimeOptions = RuntimeOptions()
        runtimeOptions.verbose = verbose
        configure(&runtimeOptions)
        return keep(try await LakeRuntime.open(config, extensions: extensions, options: runtimeOptions))
    }

    /// Opens the lake only to look at it: nothing is created; a lake that does not exist yet
    /// is a one-line error (exit 1).
    func openReadOnly(_ options: ConfigOptions) async throws -> LakeRuntime {
        var runtimeOptions = RuntimeOptions()
        runtimeOptions.verbose = options.verbose
        return keep(try await LakeRuntime.openReadOnly(config(options), extensions: extensions, options: runtimeOptions))
    }

    /// Closes every runtime the command opened.
    func closeAll() async {
        let runtimes = opened.update { list -> [LakeRuntime] in
            defer { list = [] }
            return list
        }
        for runtime in runtimes { await runtime.close() }
    }

    private func keep(_ runtime: LakeRuntime) -> LakeRuntime {
        opened.update { $0.append(runtime) }
        return runtime
    }
}

/// A command that needs the binary's extensions or opens a lake: ``LakeCLI`` calls
/// ``run(in:)`` with the run's context.
protocol ContextCommand: AsyncParsableCommand {
    func run(in context: CLIContext) async throws
}

extension ContextCommand {
    /// Runs with the built-in extensions (when called outside ``LakeCLI``).
    func run() async throws {
        let context = CLIContext(extensions: .builtIn)
        defer { Task { await context.closeAll() } }
        try await run(in: context)
    }
}

/// `TEAM/DATASET` as a dataset reference, or a usage error.
func parseDataset(_ text: String) throws -> DatasetRef {
    try DatasetRef(parsing: text)
}
