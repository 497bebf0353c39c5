import Foundation

/// The simulator's memory: per tenant path, the workflows, executions and schedules, and the
/// statistics. All times come from the one injected clock. The HTTP handlers are thin over it.
public actor AMCSimulatorState {
    let configuration: AMCSimulatorConfiguration
    let now: @Sendable () -> Date
    let lifecycle: ExecutionLifecycle
    let matcher: WorkflowIdMatcher
    var tenants: [String: TenantState] = [:]
    var throttle: ThrottleDecider

    /// State for `configuration`, reading the time from `now`; throws an
    /// ``AMCSimulatorSetupError`` when the configuration is not usable.
    public init(configuration: AMCSimulatorConfiguration, now: @escaping @Sendable () -> Date) throws {
        try configuration.validate()
        self.configuration = configuration
        self.now = now
        lifecycle = ExecutionLifecycle(pendingSeconds: configuration.pendingSeconds, runningSeconds: configuration.runningSeconds)
        matcher = try WorkflowIdMatcher(configuration)
        throttle = ThrottleDecider(configuration.throttle)
    }

    /// Every tenant path seen so far and its statistics (``AMCTenantStats/active`` as of now).
    public func stats() -> [String: AMCTenantStats] {
        var all: [String: AMCTenantStats] = [:]
        for name in tenants.keys {
            observe(name)
            guard let tenant = tenants[name] else { continue }
            var stats = tenant.stats
            stats.active = activeCount(tenant)
            stats.workflows = tenant.workflows.count
            stats.executions = tenant.executions.count
            all[name] = stats
        }
        return all
    }

    /// Forgets everything: workflows, executions, schedules, statistics and throttle counts.
    public func reset() {
        tenants = [:]
        throttle = ThrottleDecider(configuration.throttle)
    }

    /// Lets a request to `tenant`'s `route` through, or throws the 401 or 429 that answers it;
    /// counts it either way. Only authorized requests count towards throttling.
    func admit(tenant name: String, route: AMCRoute, authorization: String?) throws {
        try withTenant(name) { tenant in
            tenant.stats.requests += 1
            switch authorization {
            case nil: tenant.stats.anonymousRequests += 1
            case let header? where header.hasPrefix("Bearer "):
                tenant.stats.bearerRequests += 1
                tenant.stats.bearerSeen = true
            case let header? where header.hasPrefix("AWS4-HMAC-SHA256"): tenant.stats.sigv4Requests += 1
            default: break
            }
            if let token = configuration.requiredBearerTokens[name], authorization != "Bearer \(token)" {
                tenant.stats.unauthorized += 1
                throw AMCAPIError.unauthorized
            }
        }
        guard throttle.shouldThrottle(tenant: name, route: route) else { return }
        tenants[name]?.stats.throttled += 1
        throw AMCAPIError.tooManyRequests(retryAfter: configuration.throttle.retryAfterSeconds)
    }

    /// Runs `body` on `name`'s state, creating it when new.
    func withTenant<R>(_ name: String, _ body: (inout TenantState) throws -> R) rethrows -> R {
        try body(&tenants[name, default: TenantState()])
    }

    /// Updates `name`'s peak with the executions active now.
    func observe(_ name: String) {
        guard let tenant = tenants[name] else { return }
        let active = activeCount(tenant)
        if active > tenant.stats.peakActive { tenants[name]?.stats.peakActive = active }
    }

    /// The executions of `tenant` PENDING or RUNNING now.
    func activeCount(_ tenant: TenantState) -> Int {
        let instant = now()
        return tenant.executions.values.count { lifecycle.phase(of: $0, at: instant).status.isActive }
    }
}
