import Foundation
import LakeAMCSimulator
import LakeCore

/// The AMC simulator served in this process on a free loopback port, for `lake demo --wfm` and
/// `lake bench wfm`: tenants point at `endpoint(for:)` with `auth: none`.
struct LocalAMCSimulator: Sendable {
    let simulator: AMCSimulator
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts serving and returns once the port is bound (or throws what stopped it).
    static func start(_ configuration: AMCSimulatorConfiguration) async throws -> LocalAMCSimulator {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let simulator = try AMCSimulator(configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await simulator.run { continuation.yield($0) }
        }
        for await port in ports { return LocalAMCSimulator(simulator: simulator, port: port, task: task) }
        try await task.value
        throw LakeError(.internal, "the AMC simulator stopped before it listened")
    }

    /// The tenant's API base URL.
    func endpoint(for tenant: String) -> String { "http://127.0.0.1:\(port)/\(tenant)" }

    /// A tenant record (the TPS shape) pointing at this simulator.
    func tenantRecord(_ id: String, maxConcurrent: Int) -> ConfigValue {
        .object([
            "customerId": .string(id), "customerName": .string(id.capitalized),
            "AMC": .object(["amcApiEndpoint": .string(endpoint(for: id)), "auth": .string("none")]),
            "maximumConcurrentWorkflowExecutions": .int(maxConcurrent),
        ])
    }

    /// Stops serving (gracefully) and waits for it.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
