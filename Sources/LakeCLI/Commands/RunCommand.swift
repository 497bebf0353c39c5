import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeRuntime
import Logging
import ServiceLifecycle

/// `lake run`: the daemon. SIGINT/SIGTERM stop taking work, let running executions finish or
/// return their leases, and exit 0.
struct RunCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the lake's services until SIGINT or SIGTERM.")

    @Flag(inversion: .prefixedNo, help: "Watch the raw directory for files dropped in by hand (embedded backend).")
    var watch = true
    @Option(help: "How long running executions may take to finish at shutdown, e.g. 30s.") var grace: String = "30s"
    @OptionGroup var options: ConfigOptions

    func run(in context: CLIContext) async throws {
        guard let graceDuration = DurationText.parse(grace) else { throw ValidationError("--grace takes a duration such as 30s") }
        let runtime = try await context.open(options) {
            $0.watch = watch
            $0.daemonServices = true
        }
        let reclaimed = try await runtime.reclaimOrphanedLeases()
        if reclaimed > 0 { Console.note("took back \(reclaimed) message lease(s) held by a stopped process") }
        var logger = Logger(label: "swiftlake.run")
        logger.logLevel = options.verbose ? .info : .warning
        Console.note("lake running (\(runtime.topology.stageA.count) pipeline(s), \(runtime.topology.datasets.count) dataset(s)); Ctrl-C to stop")
        let service = LakeDaemon(runtime: runtime, grace: graceDuration)
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.note("stopped")
    }
}

/// The lake's services as a swift-service-lifecycle service.
struct LakeDaemon: Service {
    let runtime: LakeRuntime
    let grace: Duration

    func run() async throws {
        let stop = StopSignal()
        try await withGracefulShutdownHandler {
            try await runtime.run(stop: stop, grace: grace)
        } onGracefulShutdown: {
            stop.request()
        }
    }
}
