import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import Logging
import ServiceLifecycle

/// `lake run`: the daemon. SIGINT/SIGTERM stop taking work, let running executions finish or
/// return their leases, and exit 0.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the lake's services until SIGINT or SIGTERM.")

    @Flag(inversion: .prefixedNo, help: "Watch the raw directory for files dropped in by hand (embedded backend).")
    var watch = true
    @Option(help: "How long running executions may take to finish at shutdown, e.g. 30s.") var grace: String = "30s"
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let graceDuration = DurationText.parse(grace) else { throw ValidationError("--grace takes a duration such as 30s") }
        let handle = try await LakeHandle.open(options, watch: watch, partitionSync: true)
        if let reclaimed = try await handle.embedded?.queues.reclaimOrphanedLeases(), reclaimed > 0 {
            Console.note("took back \(reclaimed) message lease(s) held by a stopped process")
        }
        try await handle.engine.prepare()
        var logger = Logger(label: "swiftlake.run")
        logger.logLevel = options.verbose ? .info : .warning
        Console.note("lake running (\(handle.engine.topology.stageA.count) pipeline(s), \(handle.engine.topology.datasets.count) dataset(s)); Ctrl-C to stop")
        let service = EngineService(engine: handle.engine, grace: graceDuration)
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.note("stopped")
    }
}

/// The engine as a swift-service-lifecycle service.
struct EngineService: Service {
    let engine: LakeEngine
    let grace: Duration

    func run() async throws {
        let stop = StopSignal()
        await withGracefulShutdownHandler {
            await engine.run(stop: stop, grace: grace)
        } onGracefulShutdown: {
            stop.request()
        }
    }
}
