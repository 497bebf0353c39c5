import Foundation
import Hummingbird
import LakeRuntime
import Logging
import NIOCore

/// SwiftLake's HTTP server: the JSON API under `/api/v1/`, the dashboard, `/metrics`,
/// `/healthz` and `/readyz`, over one runtime. The application is a swift-service-lifecycle
/// service: run it in a `ServiceGroup` (beside the lake's daemon for `lake run --http`) for
/// graceful shutdown.
public enum LakeServer {
    /// The application serving `runtime`. `onListening` hears the bound port once the server
    /// listens (useful with port 0).
    public static func application(
        runtime: LakeRuntime, configuration: LakeServerConfiguration, logger: Logger, version: String,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        if configuration.token == nil && !LakeServerConfiguration.isLoopback(configuration.host) {
            throw APIError.badRequest(
                "serving without authentication is allowed on a loopback address only, not \(configuration.host)",
                hint: "drop --no-auth, or bind 127.0.0.1")
        }
        let router = Router(context: LakeRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        let templates = APIRoutes.all.flatMap { $0.operations(runtime.config) }.map { ($0.path, $0.method.rawValue) }
            + [("/api/v1/openapi.json", "GET"), ("/metrics", "GET"), ("/healthz", "GET"), ("/readyz", "GET")]
            + DashboardHTML.sections.map { ($0.path, "GET") } + [("/executions/{id}", "GET"), ("/catalog/{table}", "GET"), ("/login", "GET")]
        router.add(middleware: ErrorMiddleware(routes: RouteTable(templates)))
        router.add(middleware: AuthMiddleware(token: configuration.token, sessions: DashboardSessions()))
        MetricsEndpoint.register(on: router, runtime: runtime)
        OpenAPIEndpoint.register(on: router, config: runtime.config, version: version)
        for endpoint in APIRoutes.all { endpoint.register(on: router, runtime: runtime) }
        DashboardRoutes.register(on: router, runtime: runtime, refresh: configuration.refreshSeconds)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "swiftlake"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
