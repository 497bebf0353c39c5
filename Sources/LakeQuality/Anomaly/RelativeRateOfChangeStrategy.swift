/// Flags points whose ratio to the value `order` points earlier breaks the limits (Deequ's
/// `RelativeRateOfChangeStrategy`): with limits 0.5 and 2.0 a value may at most halve or double.
/// A jump from 0 gives an infinite ratio, flagged only when `maxRateIncrease` is set; 0 to 0
/// gives NaN, never flagged.
public struct RelativeRateOfChangeStrategy: AnomalyDetectionStrategy, Equatable {
    /// Smallest accepted ratio new / old (e.g. 0.5); nil: unlimited.
    public let maxRateDecrease: Double?
    /// Largest accepted ratio new / old (e.g. 2.0); nil: unlimited.
    public let maxRateIncrease: Double?
    /// How many points back the compared value lies, 1 or more.
    public let order: Int
    private let limits: ChangeLimits

    /// Throws unless at least one limit is given, `maxRateDecrease <= maxRateIncrease`, and `order >= 1`.
    public init(maxRateDecrease: Double? = nil, maxRateIncrease: Double? = nil, order: Int = 1) throws(AnomalyStrategyError) {
        limits = try ChangeLimits(decrease: maxRateDecrease, increase: maxRateIncrease, strategy: "RelativeRateOfChange")
        guard order >= 1 else {
            throw AnomalyStrategyError(
                message: "RelativeRateOfChange: order \(order) is below 1", hint: "use an order of 1 or more")
        }
        self.maxRateDecrease = maxRateDecrease
        self.maxRateIncrease = maxRateIncrease
        self.order = order
    }

    /// For limits known to be valid (the factory's default).
    init(uncheckedDecrease decrease: Double, increase: Double) {
        maxRateDecrease = decrease
        maxRateIncrease = increase
        order = 1
        limits = ChangeLimits(uncheckedLower: decrease, upper: increase)
    }

    /// `values[i] / values[i - order]` for every `i >= order`; empty when there are too few values.
    public static func ratios(_ values: [Double], order: Int) -> [Double] {
        guard order > 0, values.count > order else { return [] }
        return (order..<values.count).map { values[$0] / values[$0 - order] }
    }

    public func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly] {
        let order = order
        let limits = limits
        return limits.scan(
            series, searchInterval: searchInterval, order: order,
            describe: {
                "[RelativeRateOfChange] ratio \($0) is outside [\(limits.lower), \(limits.upper)] (to the value \(order) point(s) earlier)"
            },
            changes: { Self.ratios($0, order: order) })
    }
}
