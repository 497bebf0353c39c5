/// When the simulator answers `429 Too Many Requests` instead of doing what was asked.
///
/// Only requests to ``routes`` (of the tenants in ``tenants``, all when nil) are counted. A
/// request is throttled when it is the Nth, 2Nth, … such request of its tenant (``everyNth``),
/// or else with ``probability``, drawn from a generator seeded with ``seed`` (so a run repeats).
/// Both off by default.
public struct AMCThrottleConfiguration: Sendable, Hashable {
    /// The operations throttling applies to; `POST /workflowExecutions` by default.
    public var routes: Set<AMCRoute>
    /// Throttle every Nth counted request of a tenant (1 throttles them all); nil for none.
    public var everyNth: Int?
    /// The chance, 0 to 1, that a counted request is throttled (when ``everyNth`` did not).
    public var probability: Double
    /// The seed of the generator ``probability`` draws from.
    public var seed: UInt64
    /// The `Retry-After` header's seconds; nil sends no header.
    public var retryAfterSeconds: Int?
    /// The tenant paths (first path segment, e.g. `acme`) throttling applies to; nil for all.
    public var tenants: Set<String>?

    /// Throttling as given; by default none.
    public init(
        routes: Set<AMCRoute> = [.submitExecution], everyNth: Int? = nil, probability: Double = 0, seed: UInt64 = 0,
        retryAfterSeconds: Int? = 1, tenants: Set<String>? = nil
    ) {
        self.routes = routes
        self.everyNth = everyNth
        self.probability = probability
        self.seed = seed
        self.retryAfterSeconds = retryAfterSeconds
        self.tenants = tenants
    }

    /// Whether any request can be throttled at all.
    public var isEnabled: Bool { !routes.isEmpty && ((everyNth ?? 0) > 0 || probability > 0) }
}
