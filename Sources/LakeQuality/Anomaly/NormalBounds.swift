/// `[mean - lowerFactor * stdDev, mean + upperFactor * stdDev]`, a side without a factor being
/// open; shared by the two normal-distribution strategies.
struct NormalBounds: Sendable, CustomStringConvertible {
    let lower: Double
    let upper: Double

    init(mean: Double, stdDev: Double, lowerFactor: Double?, upperFactor: Double?) {
        lower = lowerFactor.map { mean - $0 * stdDev } ?? -.infinity
        upper = upperFactor.map { mean + $0 * stdDev } ?? .infinity
    }

    /// Whether `value` lies inside; NaN (a NaN value or NaN bounds) is outside, as in Deequ's
    /// online strategy.
    func admits(_ value: Double) -> Bool {
        value >= lower && value <= upper
    }

    /// Whether `value` lies outside; NaN is not outside, as in Deequ's batch strategy.
    func rejects(_ value: Double) -> Bool {
        value < lower || value > upper
    }

    var description: String { "[\(lower), \(upper)]" }

    /// Deequ's requirements on the factors: at least one, none negative or NaN.
    static func validate(lowerFactor: Double?, upperFactor: Double?, strategy: String) throws(AnomalyStrategyError) {
        guard lowerFactor != nil || upperFactor != nil else {
            throw AnomalyStrategyError(
                message: "\(strategy): neither lowerDeviationFactor nor upperDeviationFactor is given",
                hint: "set at least one of them")
        }
        for factor in [lowerFactor, upperFactor].compactMap({ $0 }) where !(factor >= 0) {
            throw AnomalyStrategyError(
                message: "\(strategy): deviation factor \(factor) is negative or not a number",
                hint: "deviation factors must be 0 or more")
        }
    }
}
