/// Flags points whose absolute change breaks the limits (Deequ's `AbsoluteChangeStrategy`,
/// formerly `RateOfChangeStrategy`). The change of order 1 at `i` is `x[i] - x[i-1]`; higher
/// orders difference the differences again; order 0 compares the values themselves, like
/// `SimpleThresholdStrategy`.
public struct AbsoluteChangeStrategy: AnomalyDetectionStrategy, Equatable {
    /// Lower limit of the change (a negative number allows that much decrease); nil: unlimited.
    public let maxRateDecrease: Double?
    /// Upper limit of the change; nil: unlimited.
    public let maxRateIncrease: Double?
    /// Order of the difference, 0 or more.
    public let order: Int
    private let limits: ChangeLimits

    /// Throws unless at least one limit is given, `maxRateDecrease <= maxRateIncrease`, and `order >= 0`.
    public init(maxRateDecrease: Double? = nil, maxRateIncrease: Double? = nil, order: Int = 1) throws(AnomalyStrategyError) {
        limits = try ChangeLimits(decrease: maxRateDecrease, increase: maxRateIncrease, strategy: "AbsoluteChange")
        guard order >= 0 else {
            throw AnomalyStrategyError(message: "AbsoluteChange: order \(order) is negative", hint: "use an order of 0 or more")
        }
        self.maxRateDecrease = maxRateDecrease
        self.maxRateIncrease = maxRateIncrease
        self.order = order
    }

    /// The `order`-th discrete difference of `values`; `order` elements shorter (empty when too short).
    public static func differences(_ values: [Double], order: Int) -> [Double] {
        var current = values
        for _ in 0..<Swift.max(order, 0) where !current.isEmpty {
            current = zip(current.dropFirst(), current).map { $0 - $1 }
        }
        return current
    }

    public func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly] {
        let order = order
        let limits = limits
        return limits.scan(
            series, searchInterval: searchInterval, order: order,
            describe: { "[AbsoluteChange] change \($0) is outside [\(limits.lower), \(limits.upper)] (order \(order))" },
            changes: { Self.differences($0, order: order) })
    }
}
