import Hummingbird

/// The request context of SwiftLake's server: Hummingbird's core context, a body limit, and the
/// dashboard session the auth middleware found (nil for bearer-token API calls).
public struct LakeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Request bodies larger than this are refused (413): actions take small JSON documents.
    public var maxUploadSize: Int { 64 * 1024 }
    /// The browser session the request came with, when it authenticated with the session cookie.
    var session: DashboardSession?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
