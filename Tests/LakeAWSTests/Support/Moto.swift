import Foundation
import LakeTestSupport
import LakeAWS
import LakeCore

/// Helpers for tests against the shared moto server.
enum Moto {
    /// The fake credentials and region every client of the tests uses, passed as the
    /// clients' environment (the process environment is never changed). `HOME` points at an
    /// empty directory so no real `~/.aws` file is read.
    static func environment(endpoint: String, region: String = "us-east-1") -> AWSEnvironment {
        var variables = MotoServer.clientEnvironment(endpoint: endpoint, region: region)
        variables["AWS_SESSION_TOKEN"] = "testing-token"
        return AWSEnvironment(variables)
    }

    /// Settings pointing at moto (the shared server unless told otherwise).
    static func settings(region: String = "us-east-1", server: MotoServer = .shared) async throws -> AWSSettings {
        let endpoint = try await server.start()
        return try AWSSettings.resolve(environment: environment(endpoint: endpoint, region: region))
    }

    /// Runs `body` with a transport to moto, shutting it down afterwards.
    static func withTransport<T: Sendable>(
        region: String = "us-east-1", retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)), server: MotoServer = .shared,
        _ body: (AWSTransport) async throws -> T
    ) async throws -> T {
        let transport = AWSTransport(settings: try await settings(region: region, server: server), retry: retry)
        do {
            let result = try await body(transport)
            try await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    /// A unique lower-case name (buckets, queues, tables) starting with `prefix`.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
