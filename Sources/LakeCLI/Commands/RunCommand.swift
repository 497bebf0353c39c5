import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeHTTP
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
    @Option(name: .customLong("http"), help: "Also serve the API, dashboard and /metrics on [HOST:]PORT.") var http: String?
    @Flag(help: "With --http: serve without a token (loopback only).") var noAuth = false
    @OptionGroup var options: ConfigOptions

    func run(in context: CLIContext) async throws {
        guard let graceDuration = DurationText.parse(grace) else { throw ValidationError("--grace takes a duration such as 30s") }
        let address = try http.map(Self.parseAddress)
        let runtime = try await context.open(options) {
            $0.watch = watch
            $0.daemonServices = true
            if let address { $0.dashboardURL = "http://\(address.host):\(address.port)" }
        }
        let reclaimed = try await runtime.reclaimOrphanedLeases()
        if reclaimed > 0 { Console.note("took back \(reclaimed) message lease(s) held by a stopped process") }
        for line in try await runtime.recoverCompactions() { Console.note("recovered an interrupted compaction: \(line)") }
        var logger = Logger(label: "swiftlake.run")
        logger.logLevel = options.verbose ? .info : .warning
        Console.note("lake running (\(runtime.topology.stageA.count) pipeline(s), \(runtime.topology.datasets.count) dataset(s)); Ctrl-C to stop")
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: LakeDaemon(runtime: runtime, grace: graceDuration))]
        if let address {
            if noAuth && !LakeServerConfiguration.isLoopback(address.host) {
                throw ValidationError("--no-auth is allowed on a loopback address only, not \(address.host)")
            }
            services.append(.init(service: try HTTPServing.server(runtime: runtime, host: address.host, port: address.port, noAuth: noAuth, verbose: options.verbose)))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.note("stopped")
    }
}

extension RunCommand {
    /// `PORT` or `HOST:PORT` (`[::1]:8080` for IPv6).
    static func parseAddress(_ text: String) throws -> (host: String, port: Int) {
        var host = "127.0.0.1"
        var portText = text
        if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            portText = String(text[text.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty else {
            throw ValidationError("--http takes PORT or HOST:PORT, e.g. 8080 or 0.0.0.0:8080")
        }
        return (host, port)
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
