/// What the simulator saw of one tenant path since the start (or the last reset), as
/// `GET /_admin/stats` reports it.
public struct AMCTenantStats: Sendable, Hashable, Codable {
    /// The most executions PENDING or RUNNING at once, evaluated whenever an execution was
    /// created or read.
    public var peakActive = 0
    /// Executions PENDING or RUNNING now.
    public var active = 0
    /// Executions accepted by `POST /workflowExecutions`.
    public var submitted = 0
    /// Executions added through the admin route, as if by another tool.
    public var outsideSubmitted = 0
    /// Requests answered 429.
    public var throttled = 0
    /// Requests to the tenant's API routes, answered or not.
    public var requests = 0
    /// Requests that carried `Authorization: Bearer …`.
    public var bearerRequests = 0
    /// Requests that carried a SigV4 `Authorization` (not checked).
    public var sigv4Requests = 0
    /// Requests without `Authorization`.
    public var anonymousRequests = 0
    /// Whether any request carried a bearer token.
    public var bearerSeen = false
    /// Requests answered 401.
    public var unauthorized = 0
    /// Executions cancelled (DELETE or PUT CANCELLED).
    public var cancelled = 0
    /// Executions removed through the admin route.
    public var vanished = 0
    /// Workflows held now.
    public var workflows = 0
    /// Executions held now.
    public var executions = 0

    /// Empty statistics.
    public init() {}
}
