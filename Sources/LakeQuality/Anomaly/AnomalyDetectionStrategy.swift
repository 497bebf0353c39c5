/// A point of a metric series that a strategy flagged: where it is, its value, and why.
public struct Anomaly: Sendable, Equatable {
    /// Position of the point in the series handed to `detect`.
    public var index: Int
    /// The point's value.
    public var value: Double
    /// Human-readable reason, naming the strategy and the bounds the point broke.
    public var detail: String

    public init(index: Int, value: Double, detail: String) {
        self.index = index
        self.value = value
        self.detail = detail
    }
}

/// Finds anomalies in a series of metric values (oldest first), the way Deequ's strategies do.
public protocol AnomalyDetectionStrategy: Sendable {
    /// Anomalies among `series[searchInterval]`, judged against the whole series before them as Deequ does.
    /// An interval reaching past either end of the series is clamped to it.
    func detect(_ series: [Double], searchInterval: Range<Int>) -> [Anomaly]
}

extension AnomalyDetectionStrategy {
    /// Anomalies anywhere in the series.
    public func detect(_ series: [Double]) -> [Anomaly] {
        detect(series, searchInterval: 0..<series.count)
    }
}

extension Range<Int> {
    /// The part of the interval that lies inside a series of `count` points.
    func clampedToSeries(count: Int) -> Range<Int> {
        clamped(to: 0..<Swift.max(count, 0))
    }
}
