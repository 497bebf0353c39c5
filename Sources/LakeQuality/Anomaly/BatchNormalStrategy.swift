/// Flags points of the search interval that lie more than a number of standard deviations from
/// the mean of the other points (Deequ's `BatchNormalStrategy`). As in Deequ the baseline is
/// every point outside the interval (before and after it) with the sample standard deviation,
/// or the whole series when `includeInterval` is set. When no point is left for the baseline
/// (Deequ raises an error there) nothing is flagged; see `baseline(_:searchInterval:)`.
public struct BatchNormalStrategy: AnomalyDetectionStrategy, Equatable {
    /// A point is flagged below `mean - lowerDeviationFactor * stdDev`; nil: never below.
    public let lowerDeviationFactor: Double?
    /// A point is flagged above `mean + upperDeviationFactor * stdDev`; nil: never above.
    public let upperDeviationFactor: Double?
    /// Whether the points of the search interval count towards the mean and deviation.
    public let includeInterval: Bool

    /// Mean and sample standard deviation (0 for a single point) of the baseline points.
    public struct Baseline: Sendable, Equatable {
        /// Mean of the baseline points.
        public var mean: Double
        /// Sample standard deviation (n - 1) of the baseline points; 0 when there is one.
        public var stdDev: Double
        /// How many points the baseline has.
        public var count: Int
    }

    /// Throws unless at least one factor is given and the factors are >= 0.
    public init(
        lowerDeviationFactor: Double? = 3.0, upperDeviationFactor: Double? = 3.0, includeInterval: Bool = false
    ) throws(AnomalyStrategyError) {
        try NormalBounds.validate(lowerFactor: lowerDeviationFactor, upperFactor: upperDeviationFactor, strategy: "BatchNormal")
        self.lowerDeviationFactor = lowerDeviationFactor
        self.upperDeviationFactor = upperDeviationFactor
        self.includeInterval = includeInterval
    }

    /// The statistics the interval is judged against; nil when no point is left for them.
    public func baseline(_ series: [Double], searchInterval: Range<Int>) -> Baseline? {
        let interval = searchInterval.clampedToSeries(count: series.count)
        var mean = 0.0
        var sumOfSquares = 0.0
        var count = 0
        for (index, value) in series.enumerated() where includeInterval || !interval.contains(index) {
            count += 1
            let n = Double(count)
            let delta = value - mean
            mean += delta / n
            sumOfSquares += (n - 1) * delta / n * delta
        }
        guard count > 0 else { return nil }
        let variance = count > 1 ? sumOfSquares / Double(count - 1) : 0
        return Baseline(mean: mean, stdDev: variance.squareRoot(), count: count)
    }

    public func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly] {
        guard let baseline = baseline(series, searchInterval: searchInterval) else { return [] }
        let bounds = NormalBounds(
            mean: baseline.mean, stdDev: baseline.stdDev,
            lowerFactor: lowerDeviationFactor, upperFactor: upperDeviationFactor)
        var found: [Anomaly] = []
        for index in searchInterval.clampedToSeries(count: series.count) where bounds.rejects(series[index]) {
            let value = series[index]
            found.append(Anomaly(index: index, value: value, detail: "[BatchNormal] value \(value) is outside \(bounds)"))
        }
        return found
    }
}
