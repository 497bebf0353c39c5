import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport

/// Environments for the credential sources' tests: no keys, an empty home with the given
/// shared files, moto as every service's endpoint (STS included).
struct CredentialFixture {
    let home: URL
    let moto: String

    init(config: String? = nil) async throws {
        moto = try await MotoServer.shared.start()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-creds-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try (config ?? "").write(to: home.appendingPathComponent("config"), atomically: true, encoding: .utf8)
    }

    /// The variables: `extra` over a keyless base.
    func environment(_ extra: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment([
            "HOME": home.path, "AWS_CONFIG_FILE": home.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("credentials").path, "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": moto,
        ].merging(extra) { _, new in new })
    }

    /// Writes `text` to a file in the home and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        return url.path
    }

    /// Runs `body` with a transport resolved from `extra`, shut down afterwards.
    func withTransport<T: Sendable>(
        _ extra: [String: String] = [:], profile: String? = nil,
        refresh: CachedCredentialProvider.RefreshPolicy = CachedCredentialProvider.RefreshPolicy(),
        _ body: (AWSTransport) async throws -> T
    ) async throws -> T {
        let settings = try AWSSettings.resolve(environment: environment(extra), profile: profile)
        let transport = AWSTransport(
            settings: settings, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20)), refreshPolicy: refresh)
        do {
            let result = try await body(transport)
            try await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    func remove() { try? FileManager.default.removeItem(at: home) }
}
