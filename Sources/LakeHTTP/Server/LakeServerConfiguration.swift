import Foundation

/// How `lake serve` (and `lake run --http`) serve: where, with which token, and the dashboard's
/// refresh period. Plain values with defaults; the CLI fills them from its options.
public struct LakeServerConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (see ``LakeServer/onListening``).
    public var port: Int = 8080
    /// The bearer token every `/api` route and the dashboard need; nil serves without
    /// authentication (allowed on loopback addresses only).
    public var token: String?
    /// How often dashboard pages reload themselves.
    public var refreshSeconds: Int = 5

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, refreshSeconds: Int = 5) {
        self.host = host
        self.port = port
        self.token = token
        self.refreshSeconds = refreshSeconds
    }

    /// Whether `host` is a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
