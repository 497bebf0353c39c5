/// The accepted range of a change, shared by `AbsoluteChangeStrategy` and
/// `RelativeRateOfChangeStrategy`, and the scan both run (Deequ's `BaseChangeStrategy`).
struct ChangeLimits: Sendable, Equatable {
    /// Smallest accepted change; `-infinity` when no decrease limit was given.
    let lower: Double
    /// Largest accepted change; `+infinity` when no increase limit was given.
    let upper: Double

    /// Checks Deequ's requirements: at least one limit, no NaN, decrease <= increase.
    init(decrease: Double?, increase: Double?, strategy: String) throws(AnomalyStrategyError) {
        guard decrease != nil || increase != nil else {
            throw AnomalyStrategyError(
                message: "\(strategy): neither maxRateDecrease nor maxRateIncrease is given",
                hint: "set at least one of them")
        }
        if decrease?.isNaN == true || increase?.isNaN == true {
            throw AnomalyStrategyError(
                message: "\(strategy): a rate limit is NaN", hint: "give numbers for maxRateDecrease / maxRateIncrease")
        }
        let lower = decrease ?? -.infinity
        let upper = increase ?? .infinity
        guard lower <= upper else {
            throw AnomalyStrategyError(
                message: "\(strategy): maxRateDecrease \(lower) is larger than maxRateIncrease \(upper)",
                hint: "maxRateDecrease must be <= maxRateIncrease")
        }
        self.lower = lower
        self.upper = upper
    }

    /// For defaults known to be valid.
    init(uncheckedLower lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Flags the points of `series[searchInterval]` whose change breaks the limits. The changes
    /// are computed over the interval plus the `order` points before it (when the series has
    /// them), so the first `order` points of a series can never be flagged.
    func scan(
        _ series: [Double], searchInterval: Range<Int>, order: Int,
        describe: (Double) -> String, changes: ([Double]) -> [Double]
    ) -> [Anomaly] {
        let interval = searchInterval.clampedToSeries(count: series.count)
        let windowStart = Swift.max(interval.lowerBound - order, 0)
        let window = Array(series[windowStart..<interval.upperBound])
        var found: [Anomaly] = []
        for (offset, change) in changes(window).enumerated() where change < lower || change > upper {
            let index = windowStart + order + offset
            found.append(Anomaly(index: index, value: series[index], detail: describe(change)))
        }
        return found
    }
}
