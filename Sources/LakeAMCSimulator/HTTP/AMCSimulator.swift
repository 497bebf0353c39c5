import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A local Amazon Marketing Cloud API: the workflow, execution and schedule routes of AMC under
/// a path prefix per tenant (`http://HOST:PORT/<tenant>/workflows`, …), executions that move
/// PENDING → RUNNING → SUCCEEDED (or FAILED, REJECTED) by the clock, injected 429s, optional
/// bearer tokens, and `/_admin` routes for statistics and test hooks.
///
/// ```swift
/// let simulator = try AMCSimulator(configuration: .init(port: 8090))
/// try await simulator.run { port in print("AMC simulator on \(port)") }
/// ```
/// ``application(onListening:)`` is a swift-service-lifecycle service for a `ServiceGroup`;
/// ``run(handlingSignals:onListening:)`` runs it in a group of its own.
public struct AMCSimulator: Sendable {
    /// How it serves and behaves.
    public let configuration: AMCSimulatorConfiguration
    /// Its in-memory state (statistics and test hooks are also reachable from Swift).
    public let state: AMCSimulatorState
    let logger: Logger

    /// A simulator for `configuration`, reading the time from `now` (the one clock; tests pass
    /// a controllable one). Throws an ``AMCSimulatorSetupError`` for an unusable configuration.
    public init(
        configuration: AMCSimulatorConfiguration = AMCSimulatorConfiguration(), logger: Logger? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.configuration = configuration
        state = try AMCSimulatorState(configuration: configuration, now: now)
        self.logger = logger ?? {
            var quiet = Logger(label: "swiftlake.amc-simulator")
            quiet.logLevel = .warning
            return quiet
        }()
    }

    /// The Hummingbird application serving the simulator. `onListening` hears the bound port
    /// once it listens (useful with port 0).
    public func application(onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: AMCSimulatorContext.self)
        router.add(middleware: ErrorBodyMiddleware(logger: logger))
        AdminRoutes.register(on: router, state: state)
        WorkflowRoutes.register(on: router, state: state)
        ExecutionRoutes.register(on: router, state: state)
        ScheduleRoutes.register(on: router, state: state)
        let port = configuration.port
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "amc-simulator"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until the calling task is cancelled (or, with `handlingSignals`, until SIGINT or
    /// SIGTERM); either way the server shuts down gracefully: it stops accepting, finishes the
    /// requests under way, and returns.
    public func run(handlingSignals: Bool = false, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [application(onListening: onListening)], gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [],
            logger: logger))
        // The group runs in its own task, so cancelling ours asks it to shut down gracefully
        // instead of cancelling the server under its connections.
        let running = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }
}
