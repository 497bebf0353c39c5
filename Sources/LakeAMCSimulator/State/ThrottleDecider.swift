/// Decides, request by request, whether to answer 429, following an
/// ``AMCThrottleConfiguration``: it counts each tenant's requests to the chosen routes and draws
/// from a seeded generator.
struct ThrottleDecider: Sendable {
    let configuration: AMCThrottleConfiguration
    private var counts: [String: Int] = [:]
    private var generator: SeededGenerator

    init(_ configuration: AMCThrottleConfiguration) {
        self.configuration = configuration
        generator = SeededGenerator(seed: configuration.seed)
    }

    /// Whether this request of `tenant` to `route` is throttled.
    mutating func shouldThrottle(tenant: String, route: AMCRoute) -> Bool {
        guard configuration.isEnabled, configuration.routes.contains(route), configuration.tenants?.contains(tenant) ?? true else {
            return false
        }
        let count = counts[tenant, default: 0] + 1
        counts[tenant] = count
        if let every = configuration.everyNth, every > 0, count % every == 0 { return true }
        return configuration.probability > 0 && Double.random(in: 0..<1, using: &generator) < configuration.probability
    }
}
