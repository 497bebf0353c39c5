/// Where a signer gets its credentials, asked before each request is signed.
///
/// Long-term keys come from a ``StaticCredentialProvider`` (no I/O, no lock). Temporary
/// credentials (an assumed role, web identity, a container or instance role) come from a
/// provider that caches them and refreshes them before they expire, so callers may ask for
/// every request.
public protocol AWSCredentialProvider: Sendable {
    /// Credentials valid now (and, for temporary ones, for at least the next minute or so).
    func credentials() async throws -> AWSCredentials

    /// Forgets cached credentials, so the next ``credentials()`` fetches anew (AWS answered
    /// `ExpiredToken`, say, because the local clock is behind). Does nothing for static keys.
    func invalidate() async
}

extension AWSCredentialProvider {
    /// Static keys have nothing to forget.
    public func invalidate() async {}
}

/// Long-term (or already exported temporary) keys, handed out as they are.
public struct StaticCredentialProvider: AWSCredentialProvider, CustomStringConvertible {
    /// The keys.
    public let value: AWSCredentials

    /// A provider that always answers `credentials`.
    public init(_ credentials: AWSCredentials) { value = credentials }

    /// The keys.
    public func credentials() async throws -> AWSCredentials { value }

    /// `StaticCredentialProvider(AWSCredentials(AKIA****, from environment))`: no secret.
    public var description: String { "StaticCredentialProvider(\(value))" }
}
