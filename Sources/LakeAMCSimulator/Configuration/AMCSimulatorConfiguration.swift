/// How the AMC simulator serves and behaves. Plain values with defaults: loopback on a free port,
/// executions pending 1 s then running 2 s, workflow ids starting `fail-` fail and `reject-` are
/// rejected, no throttling, no token required.
public struct AMCSimulatorConfiguration: Sendable, Hashable {
    /// The address to bind.
    public var host: String
    /// The port; 0 picks a free one (the simulator's `onListening` hears which).
    public var port: Int
    /// Seconds an execution stays PENDING (fractions allowed).
    public var pendingSeconds: Double
    /// Seconds an execution then stays RUNNING before it ends (fractions allowed).
    public var runningSeconds: Double
    /// A regular expression: executions of workflow ids it matches end FAILED (after running);
    /// nil for none.
    public var failurePattern: String?
    /// A regular expression: executions of workflow ids it matches end REJECTED (after pending,
    /// never running); nil for none. Checked before ``failurePattern``.
    public var rejectPattern: String?
    /// When to answer 429.
    public var throttle: AMCThrottleConfiguration
    /// Tenant path → the token its requests must carry as `Authorization: Bearer <token>`
    /// (401 otherwise). Tenants not listed take requests with or without `Authorization`.
    public var requiredBearerTokens: [String: String]
    /// Executions per page of `GET /workflowExecutions`.
    public var executionsPageSize: Int
    /// Workflows (and schedules) per page of `GET /workflows` (and `GET /schedules`).
    public var workflowsPageSize: Int

    /// A configuration; every value has a default.
    public init(
        host: String = "127.0.0.1", port: Int = 0, pendingSeconds: Double = 1, runningSeconds: Double = 2,
        failurePattern: String? = "^fail-", rejectPattern: String? = "^reject-",
        throttle: AMCThrottleConfiguration = AMCThrottleConfiguration(), requiredBearerTokens: [String: String] = [:],
        executionsPageSize: Int = 25, workflowsPageSize: Int = 100
    ) {
        self.host = host
        self.port = port
        self.pendingSeconds = pendingSeconds
        self.runningSeconds = runningSeconds
        self.failurePattern = failurePattern
        self.rejectPattern = rejectPattern
        self.throttle = throttle
        self.requiredBearerTokens = requiredBearerTokens
        self.executionsPageSize = executionsPageSize
        self.workflowsPageSize = workflowsPageSize
    }
}
