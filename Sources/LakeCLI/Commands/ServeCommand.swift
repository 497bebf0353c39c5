import ArgumentParser
import Foundation
import LakeCore
import LakeHTTP
import LakeRuntime
import Logging
import ServiceLifecycle

/// `lake serve`: the JSON API, the dashboard and `/metrics`, over the lake (reading it, and doing
/// what an operator asks: redrive, pause, priorities). SIGINT/SIGTERM stop it gracefully.
struct ServeCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API, the dashboard and /metrics.",
        discussion: """
            Every /api route and the dashboard need the token: LAKE_API_TOKEN, or the file state/api-token (created at the \
            first start, mode 0600, and printed once). /metrics, /healthz and /readyz are open. `lake run --http PORT` serves \
            beside the daemon.
            """)

    @OptionGroup var http: HTTPOptions
    @OptionGroup var options: ConfigOptions

    func run(in context: CLIContext) async throws {
        let runtime = try await context.open(options) { $0.dashboardURL = http.publicURL }
        let server = try http.server(runtime: runtime, verbose: options.verbose)
        var logger = Logger(label: "swiftlake.serve")
        logger.logLevel = options.verbose ? .info : .warning
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.note("stopped")
    }
}

/// `--host`, `--port`, `--no-auth`, `--public-url`, shared by `lake serve`.
struct HTTPOptions: ParsableArguments {
    @Option(help: "Address to bind.") var host: String = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port: Int = 8080
    @Flag(help: "Serve without a token (loopback addresses only).") var noAuth = false
    @Option(help: "The dashboard's address as users reach it, for links in notifications (default http://HOST:PORT).") var publicURL: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        if noAuth && !LakeServerConfiguration.isLoopback(host) {
            throw ValidationError("--no-auth is allowed on a loopback address only (127.0.0.1, ::1), not \(host)")
        }
    }

    /// The server for `runtime`, its token loaded (and printed when created).
    func server(runtime: LakeRuntime, verbose: Bool) throws -> some Service {
        try HTTPServing.server(runtime: runtime, host: host, port: port, noAuth: noAuth, verbose: verbose)
    }
}

/// Building the HTTP server for `lake serve` and `lake run --http`.
enum HTTPServing {
    static func server(runtime: LakeRuntime, host: String, port: Int, noAuth: Bool, verbose: Bool) throws -> some Service {
        var configuration = LakeServerConfiguration(host: host, port: port)
        var tokenNote = "no authentication (loopback only)"
        if !noAuth {
            let (token, created, file) = try APIToken.load(stateDirectory: runtime.localStateDirectory)
            configuration.token = token
            if created, let file {
                Console.note("created the API token in \(file.path) (mode 0600): \(token)")
            }
            tokenNote = file.map { "token in \($0.path)" } ?? "token from LAKE_API_TOKEN"
        }
        var logger = Logger(label: "swiftlake.http")
        logger.logLevel = verbose ? .info : .warning
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let note = tokenNote
        return try LakeServer.application(
            runtime: runtime, configuration: configuration, logger: logger, version: SwiftLakeVersion.current
        ) { bound in
            Console.note("serving http://\(shownHost):\(bound)/ (\(note)); Ctrl-C to stop")
        }
    }
}
