/// Flags points that lie more than a number of standard deviations from the running mean of the
/// series up to and including them (Deequ's `OnlineNormalStrategy`). The mean and population
/// variance are updated point by point (Welford); points in the first `ignoreStartPercentage` of the series
/// are never flagged, because the statistics are not yet representative; when
/// `ignoreAnomalies` is set a flagged point leaves the running statistics unchanged.
public struct OnlineNormalStrategy: AnomalyDetectionStrategy, Equatable {
    /// A point is flagged below `mean - lowerDeviationFactor * stdDev`; nil: never below.
    public let lowerDeviationFactor: Double?
    /// A point is flagged above `mean + upperDeviationFactor * stdDev`; nil: never above.
    public let upperDeviationFactor: Double?
    /// Fraction (0...1) of the series, from its start, in which nothing is flagged.
    public let ignoreStartPercentage: Double
    /// Whether flagged points are left out of the running mean and variance.
    public let ignoreAnomalies: Bool

    /// The running statistics a point was judged against (they include the point itself), and
    /// whether it was flagged.
    public struct RunningPoint: Sendable, Equatable {
        /// Running mean up to and including this point.
        public var mean: Double
        /// Running population standard deviation up to and including this point.
        public var stdDev: Double
        /// Whether the point was flagged.
        public var isAnomaly: Bool
    }

    /// Throws unless at least one factor is given, the factors are >= 0, and
    /// `ignoreStartPercentage` is within 0...1.
    public init(
        lowerDeviationFactor: Double? = 3.0, upperDeviationFactor: Double? = 3.0,
        ignoreStartPercentage: Double = 0.1, ignoreAnomalies: Bool = true
    ) throws(AnomalyStrategyError) {
        try NormalBounds.validate(lowerFactor: lowerDeviationFactor, upperFactor: upperDeviationFactor, strategy: "OnlineNormal")
        guard ignoreStartPercentage >= 0, ignoreStartPercentage <= 1 else {
            throw AnomalyStrategyError(
                message: "OnlineNormal: ignoreStartPercentage \(ignoreStartPercentage) is not within [0, 1]",
                hint: "give a fraction such as 0.1")
        }
        self.lowerDeviationFactor = lowerDeviationFactor
        self.upperDeviationFactor = upperDeviationFactor
        self.ignoreStartPercentage = ignoreStartPercentage
        self.ignoreAnomalies = ignoreAnomalies
    }

    /// The running statistics for every point of the series; only points in `searchInterval`
    /// (and past the ignored start) can be flagged. As in Deequ the point count used for the
    /// mean and variance is the position in the series, ignored anomalies included.
    public func runningStatistics(_ series: [Double], searchInterval: Range<Int> = 0..<Int.max) -> [RunningPoint] {
        var points: [RunningPoint] = []
        points.reserveCapacity(series.count)
        var mean = 0.0
        var sumOfSquares = 0.0  // Welford's S_n: sum of squared deviations from the mean
        let skipBelow = Double(series.count) * ignoreStartPercentage
        for (index, value) in series.enumerated() {
            let count = Double(index + 1)
            let newMean = index == 0 ? value : mean + (1.0 / count) * (value - mean)
            let newSumOfSquares = sumOfSquares + (value - mean) * (value - newMean)
            let stdDev = (newSumOfSquares / count).squareRoot()
            let judged = Double(index) >= skipBelow && searchInterval.contains(index)
            let isAnomaly = judged && !bounds(mean: newMean, stdDev: stdDev).admits(value)
            if !(isAnomaly && ignoreAnomalies) {
                mean = newMean
                sumOfSquares = newSumOfSquares
            }
            points.append(RunningPoint(mean: newMean, stdDev: stdDev, isAnomaly: isAnomaly))
        }
        return points
    }

    private func bounds(mean: Double, stdDev: Double) -> NormalBounds {
        NormalBounds(mean: mean, stdDev: stdDev, lowerFactor: lowerDeviationFactor, upperFactor: upperDeviationFactor)
    }

    public func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly] {
        let interval = searchInterval.clampedToSeries(count: series.count)
        var found: [Anomaly] = []
        for (index, point) in runningStatistics(series, searchInterval: interval).enumerated() where point.isAnomaly {
            let value = series[index]
            let range = bounds(mean: point.mean, stdDev: point.stdDev)
            found.append(Anomaly(index: index, value: value, detail: "[OnlineNormal] value \(value) is outside \(range)"))
        }
        return found
    }
}
