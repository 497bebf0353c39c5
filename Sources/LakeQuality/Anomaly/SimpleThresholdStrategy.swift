/// Flags every value outside the fixed range `[lowerBound, upperBound]` (Deequ's
/// `SimpleThresholdStrategy`). NaN values are never flagged.
public struct SimpleThresholdStrategy: AnomalyDetectionStrategy, Equatable {
    /// Smallest accepted value.
    public let lowerBound: Double
    /// Largest accepted value.
    public let upperBound: Double

    /// Throws when `lowerBound > upperBound` or either is NaN.
    public init(lowerBound: Double = -.infinity, upperBound: Double) throws(AnomalyStrategyError) {
        guard lowerBound <= upperBound else {
            throw AnomalyStrategyError(
                message: "SimpleThreshold: lowerBound \(lowerBound) is not <= upperBound \(upperBound)",
                hint: "give numbers with lowerBound <= upperBound")
        }
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    public func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly] {
        var found: [Anomaly] = []
        for index in searchInterval.clampedToSeries(count: series.count) {
            let value = series[index]
            if value < lowerBound || value > upperBound {
                found.append(Anomaly(
                    index: index, value: value,
                    detail: "[SimpleThreshold] value \(value) is outside [\(lowerBound), \(upperBound)]"))
            }
        }
        return found
    }
}
