import Foundation
import LakeQuality
import Testing

// Ports of Deequ's anomaly detection strategy tests
// (src/test/scala/com/amazon/deequ/anomalydetection/*StrategyTest.scala): same series, same
// expected indices and values. Deequ's random series come from scala.util.Random(1), i.e.
// java.util.Random, reproduced by `JavaRandom` below.

/// java.util.Random: 48-bit linear congruential generator, polar-method Gaussians.
private struct JavaRandom {
    private static let mask: UInt64 = (1 << 48) - 1
    private var state: UInt64
    private var pendingGaussian: Double?

    init(seed: Int64) {
        state = (UInt64(bitPattern: seed) ^ 0x5_DEEC_E66D) & Self.mask
    }

    private mutating func next(bits: Int) -> Int64 {
        state = (state &* 0x5_DEEC_E66D &+ 0xB) & Self.mask
        return Int64(state >> UInt64(48 - bits))
    }

    mutating func nextDouble() -> Double {
        Double((next(bits: 26) << 27) + next(bits: 27)) * 0x1p-53
    }

    mutating func nextGaussian() -> Double {
        if let pending = pendingGaussian {
            pendingGaussian = nil
            return pending
        }
        while true {
            let v1 = 2 * nextDouble() - 1
            let v2 = 2 * nextDouble() - 1
            let s = v1 * v1 + v2 * v2
            if s < 1, s != 0 {
                let multiplier = (-2 * log(s) / s).squareRoot()
                pendingGaussian = v2 * multiplier
                return v1 * multiplier
            }
        }
    }
}

/// Deequ's noisy series: Gaussians with +i at even and -i at odd positions 20...30.
private func deequNoisySeries(count: Int, random: inout JavaRandom) -> [Double] {
    var series = (0..<count).map { _ in random.nextGaussian() }
    for i in 20...30 {
        series[i] += Double(i + (i % 2 * -2 * i))
    }
    return series
}

/// 1.0 outside 20...30; inside, `even(i)` at even and `odd(i)` at odd positions.
private func deequStepSeries(odd: (Int) -> Double) -> [Double] {
    (0...50).map { i in
        if i < 20 || i > 30 { return 1.0 }
        return i % 2 == 0 ? Double(i) : odd(i)
    }
}

/// The first three numbers of a detail message (value or change, lower bound, upper bound).
private func firstThreeNumbers(_ text: String) throws -> [Double] {
    let pattern = try Regex("[+-]?(inf|[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)")
    let numbers = text.matches(of: pattern).compactMap { Double(String(text[$0.range])) }
    try #require(numbers.count >= 3, "fewer than three numbers in '\(text)'")
    return Array(numbers.prefix(3))
}

/// Checks that the anomalies are exactly those at `indices`, with the series' values.
private func expectAnomalies(
    _ anomalies: [Anomaly], at indices: [Int], in series: [Double], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(anomalies.map(\.index) == indices, sourceLocation: sourceLocation)
    #expect(anomalies.map(\.value) == indices.map { series[$0] }, sourceLocation: sourceLocation)
}

@Suite struct JavaRandomPortTests {
    @Test func reproducesJavaUtilRandom() {
        // new java.util.Random(1).nextGaussian() x 4, printed by Java 17.
        var random = JavaRandom(seed: 1)
        let values = (0..<4).map { _ in random.nextGaussian() }
        let expected = [1.561581040188955, -0.6081826070068602, -1.0912278829447088, -0.6245401364066232]
        for (value, reference) in zip(values, expected) {
            #expect(abs(value - reference) <= 1e-15 * abs(reference))
        }
    }
}

@Suite struct SimpleThresholdStrategyTests {
    let data = [-1.0, 2.0, 3.0, 0.5]

    @Test func detectsValuesAboveThreshold() throws {
        let strategy = try SimpleThresholdStrategy(upperBound: 1.0)
        expectAnomalies(strategy.detect(data, searchInterval: 0..<4), at: [1, 2], in: data)
    }

    @Test func detectsAllValuesWithoutInterval() throws {
        let strategy = try SimpleThresholdStrategy(upperBound: 1.0)
        expectAnomalies(strategy.detect(data), at: [1, 2], in: data)
    }

    @Test func emptyInput() throws {
        #expect(try SimpleThresholdStrategy(upperBound: 1.0).detect([]).isEmpty)
    }

    @Test func upperAndLowerThreshold() throws {
        let strategy = try SimpleThresholdStrategy(lowerBound: -0.5, upperBound: 1.0)
        expectAnomalies(strategy.detect(data), at: [0, 1, 2], in: data)
    }

    @Test func rejectsUnorderedThresholds() {
        #expect(throws: AnomalyStrategyError.self) { try SimpleThresholdStrategy(lowerBound: 2.0, upperBound: 1.0) }
    }

    @Test func detailNamesValueAndBounds() throws {
        let anomalies = try SimpleThresholdStrategy(upperBound: 1.0).detect(data)
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            let numbers = try firstThreeNumbers(anomaly.detail)
            #expect(numbers[0] == anomaly.value)
            #expect(numbers[0] < numbers[1] || numbers[0] > numbers[2])
        }
    }

    @Test func searchIntervalIsClampedToSeries() throws {
        let strategy = try SimpleThresholdStrategy(upperBound: 1.0)
        expectAnomalies(strategy.detect(data, searchInterval: 2..<100), at: [2], in: data)
        #expect(strategy.detect(data, searchInterval: 10..<20).isEmpty)
    }
}

@Suite struct AbsoluteChangeStrategyTests {
    let data = deequStepSeries(odd: { -Double($0) })

    private func strategy() throws -> AbsoluteChangeStrategy {
        try AbsoluteChangeStrategy(maxRateDecrease: -2.0, maxRateIncrease: 2.0)
    }

    @Test func detectsAllAnomaliesWithoutInterval() throws {
        expectAnomalies(try strategy().detect(data), at: Array(20...31), in: data)
    }

    @Test func detectsOnlyInInterval() throws {
        expectAnomalies(try strategy().detect(data, searchInterval: 25..<50), at: Array(25...31), in: data)
    }

    @Test func ignoresMinRateIfNoneGiven() throws {
        let strategy = try AbsoluteChangeStrategy(maxRateDecrease: nil, maxRateIncrease: 1.0)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 20, through: 30, by: 2)), in: data)
    }

    @Test func ignoresMaxRateIfNoneGiven() throws {
        let strategy = try AbsoluteChangeStrategy(maxRateDecrease: -1.0, maxRateIncrease: nil)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 21, through: 31, by: 2)), in: data)
    }

    @Test func noAnomaliesWithExtremeRates() throws {
        let strategy = try AbsoluteChangeStrategy(
            maxRateDecrease: -Double.greatestFiniteMagnitude, maxRateIncrease: Double.greatestFiniteMagnitude)
        #expect(strategy.detect(data).isEmpty)
    }

    @Test func derivesFirstOrder() {
        #expect(AbsoluteChangeStrategy.differences([1, 2, 4, 1, 2, 8], order: 1) == [1, 2, -3, 1, 6])
    }

    @Test func derivesSecondOrder() {
        #expect(AbsoluteChangeStrategy.differences([1, 2, 4, 1, 2, 8], order: 2) == [1, -5, 4, 5])
    }

    @Test func derivesThirdOrder() {
        let result = AbsoluteChangeStrategy.differences([1.0, 5.0, -10.0, 3.0, 100.0, 0.01, 0.0065], order: 3)
        #expect(result == [47, 56, -280.99, 296.9765])
    }

    @Test func attributesIndicesForHigherOrdersWithoutInterval() throws {
        let series = [0.0, 1.0, 3.0, 6.0, 18.0, 72.0]
        let strategy = try AbsoluteChangeStrategy(maxRateIncrease: 8.0, order: 2)
        expectAnomalies(strategy.detect(series), at: [4, 5], in: series)
    }

    @Test func attributesIndicesForHigherOrdersWithInterval() throws {
        let series = [0.0, 1.0, 3.0, 6.0, 18.0, 72.0]
        let strategy = try AbsoluteChangeStrategy(maxRateIncrease: 8.0, order: 2)
        expectAnomalies(strategy.detect(series, searchInterval: 5..<6), at: [5], in: series)
    }

    @Test func smallSeriesLikeThreshold() throws {
        // Deequ's "behave like the threshold strategy when order is 0" runs the order-1
        // strategy; order 0 (plain thresholds) flags the same two points.
        let series = [1.0, -1.0, 4.0, -7.0]
        expectAnomalies(try strategy().detect(series), at: [2, 3], in: series)
        let orderZero = try AbsoluteChangeStrategy(maxRateDecrease: -2.0, maxRateIncrease: 2.0, order: 0)
        expectAnomalies(orderZero.detect(series), at: [2, 3], in: series)
    }

    @Test func rejectsUnorderedRates() {
        #expect(throws: AnomalyStrategyError.self) { try AbsoluteChangeStrategy(maxRateDecrease: -2.0, maxRateIncrease: -3.0) }
    }

    @Test func rejectsMissingRates() {
        #expect(throws: AnomalyStrategyError.self) { try AbsoluteChangeStrategy(maxRateDecrease: nil, maxRateIncrease: nil) }
    }

    @Test func rejectsNegativeOrder() {
        #expect(throws: AnomalyStrategyError.self) { try AbsoluteChangeStrategy(maxRateIncrease: 1, order: -1) }
    }

    @Test func emptyInput() throws {
        #expect(try strategy().detect([]).isEmpty)
    }

    @Test func detailNamesChangeAndBounds() throws {
        let anomalies = try strategy().detect(data)
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            let numbers = try firstThreeNumbers(anomaly.detail)
            #expect(numbers[0] < numbers[1] || numbers[0] > numbers[2])
        }
    }

    @Test func deprecatedRateOfChangeIsAbsoluteChange() throws {
        // Deequ's RateOfChangeStrategyTest: the old name detects absolute changes.
        let strategy = try AnomalyStrategies.make(
            name: "RateOfChange", options: ["maxRateDecrease": "-2.0", "maxRateIncrease": "2.0"])
        expectAnomalies(strategy.detect(data), at: Array(20...31), in: data)
    }
}

@Suite struct RelativeRateOfChangeStrategyTests {
    let data = deequStepSeries(odd: { _ in 1.0 })

    private func strategy() throws -> RelativeRateOfChangeStrategy {
        try RelativeRateOfChangeStrategy(maxRateDecrease: 0.5, maxRateIncrease: 2.0)
    }

    @Test func detectsAllAnomaliesWithoutInterval() throws {
        expectAnomalies(try strategy().detect(data), at: Array(20...31), in: data)
    }

    @Test func detectsOnlyInInterval() throws {
        expectAnomalies(try strategy().detect(data, searchInterval: 25..<50), at: Array(25...31), in: data)
    }

    @Test func ignoresMinRateIfNoneGiven() throws {
        let strategy = try RelativeRateOfChangeStrategy(maxRateDecrease: nil, maxRateIncrease: 1.0)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 20, through: 30, by: 2)), in: data)
    }

    @Test func ignoresMaxRateIfNoneGiven() throws {
        let strategy = try RelativeRateOfChangeStrategy(maxRateDecrease: 0.5, maxRateIncrease: nil)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 21, through: 31, by: 2)), in: data)
    }

    @Test func noAnomaliesWithExtremeRates() throws {
        let strategy = try RelativeRateOfChangeStrategy(
            maxRateDecrease: -Double.greatestFiniteMagnitude, maxRateIncrease: Double.greatestFiniteMagnitude)
        #expect(strategy.detect(data).isEmpty)
    }

    @Test func derivesFirstOrder() {
        #expect(RelativeRateOfChangeStrategy.ratios([1, 2, 4, 1, 2, 8], order: 1) == [2, 2, 0.25, 2, 4])
    }

    @Test func derivesSecondOrder() {
        #expect(RelativeRateOfChangeStrategy.ratios([1, 2, 4, 1, 2, 8], order: 2) == [4, 0.5, 0.5, 8])
    }

    @Test func derivesThirdOrder() {
        let result = RelativeRateOfChangeStrategy.ratios([1.0, 5.0, -10.0, 3.0, 100.0, 0.01, 0.006], order: 3)
        #expect(result == [3.0, 20.0, -0.001, 0.002])
    }

    @Test func attributesIndicesForHigherOrdersWithoutInterval() throws {
        let series = [0.0, 1.0, 3.0, 6.0, 18.0, 72.0]
        let strategy = try RelativeRateOfChangeStrategy(maxRateIncrease: 8.0, order: 2)
        // 3 / 0 is infinite, above the limit.
        expectAnomalies(strategy.detect(series), at: [2, 5], in: series)
    }

    @Test func attributesIndicesForHigherOrdersWithInterval() throws {
        let series = [0.0, 1.0, 3.0, 6.0, 18.0, 72.0]
        let strategy = try RelativeRateOfChangeStrategy(maxRateIncrease: 8.0, order: 2)
        expectAnomalies(strategy.detect(series, searchInterval: 5..<6), at: [5], in: series)
    }

    @Test func rejectsUnorderedRates() {
        #expect(throws: AnomalyStrategyError.self) {
            try RelativeRateOfChangeStrategy(maxRateDecrease: -2.0, maxRateIncrease: -3.0)
        }
    }

    @Test func rejectsMissingRates() {
        #expect(throws: AnomalyStrategyError.self) { try RelativeRateOfChangeStrategy(maxRateDecrease: nil, maxRateIncrease: nil) }
    }

    @Test func rejectsOrderZero() {
        #expect(throws: AnomalyStrategyError.self) { try RelativeRateOfChangeStrategy(maxRateIncrease: 2, order: 0) }
    }

    @Test func emptyInput() throws {
        #expect(try strategy().detect([]).isEmpty)
    }

    @Test func detailNamesRatioAndBounds() throws {
        let anomalies = try strategy().detect(data)
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            let numbers = try firstThreeNumbers(anomaly.detail)
            #expect(numbers[0] < numbers[1] || numbers[0] > numbers[2])
        }
    }
}

@Suite struct OnlineNormalStrategyTests {
    let data: [Double]
    let strategy: OnlineNormalStrategy
    /// Deequ's suite shares one generator: the variance test draws after the 51 series values.
    let laterGaussians: [Double]

    init() throws {
        var random = JavaRandom(seed: 1)
        data = deequNoisySeries(count: 51, random: &random)
        laterGaussians = (0..<1000).map { _ in random.nextGaussian() }
        strategy = try OnlineNormalStrategy(lowerDeviationFactor: 1.5, upperDeviationFactor: 1.5, ignoreStartPercentage: 0.2)
    }

    /// Breeze's meanAndVariance: Welford with the sample (n - 1) variance.
    private func breezeMeanAndStdDev(_ values: [Double]) -> (mean: Double, stdDev: Double) {
        var mean = 0.0
        var s = 0.0
        for (i, value) in values.enumerated() {
            let n = Double(i + 1)
            let d = value - mean
            mean = mean + 1.0 / n * d
            s = s + (n - 1) * d / n * d
        }
        return (mean, values.count > 1 ? (s / Double(values.count - 1)).squareRoot() : 0)
    }

    @Test func detectsAllAnomaliesWithoutInterval() throws {
        let strategy = try OnlineNormalStrategy(lowerDeviationFactor: 3.5, upperDeviationFactor: 3.5, ignoreStartPercentage: 0.2)
        expectAnomalies(strategy.detect(data), at: Array(20...30), in: data)
    }

    @Test func detectsOnlyInInterval() {
        expectAnomalies(strategy.detect(data, searchInterval: 25..<31), at: Array(25...30), in: data)
    }

    @Test func ignoresLowerFactorIfNoneGiven() throws {
        let strategy = try OnlineNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: 1.5)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 20, through: 30, by: 2)), in: data)
    }

    @Test func ignoresUpperFactorIfNoneGiven() throws {
        let strategy = try OnlineNormalStrategy(lowerDeviationFactor: 1.5, upperDeviationFactor: nil)
        expectAnomalies(strategy.detect(data), at: Array(stride(from: 21, through: 29, by: 2)), in: data)
    }

    @Test func emptyInput() {
        #expect(strategy.detect([]).isEmpty)
    }

    @Test func noAnomaliesWithMaximalFactors() throws {
        let strategy = try OnlineNormalStrategy(
            lowerDeviationFactor: Double.greatestFiniteMagnitude, upperDeviationFactor: Double.greatestFiniteMagnitude)
        #expect(strategy.detect(data).isEmpty)
    }

    @Test func calculatesVarianceCorrectly() throws {
        let series = laterGaussians.enumerated().map { $0.element * (5000.0 / Double($0.offset + 1)) }
        let last = try #require(strategy.runningStatistics(series).last)
        let reference = breezeMeanAndStdDev(series)
        #expect(last.mean == reference.mean)
        #expect(abs(last.stdDev - reference.stdDev) < reference.stdDev * 0.001)
    }

    @Test func ignoresAnomaliesInStatisticsIfWanted() throws {
        let last = try #require(strategy.runningStatistics([1, 1, 1, 2, 1, 1, 1]).last)
        #expect(last.mean == 1.0)
        #expect(last.stdDev == 0.0)
    }

    @Test func keepsAnomaliesInStatisticsIfWanted() throws {
        let strategy = try OnlineNormalStrategy(
            lowerDeviationFactor: 1.5, upperDeviationFactor: 1.5, ignoreStartPercentage: 0.2, ignoreAnomalies: false)
        let series: [Double] = [1, 1, 1, 2, 1, 1, 1]
        let last = try #require(strategy.runningStatistics(series).last)
        let reference = breezeMeanAndStdDev(series)
        #expect(last.mean == reference.mean)
        #expect(abs(last.stdDev - reference.stdDev) < reference.stdDev * 0.1)
    }

    @Test func rejectsMissingFactors() {
        #expect(throws: AnomalyStrategyError.self) { try OnlineNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: nil) }
    }

    @Test func rejectsNegativeFactors() {
        #expect(throws: AnomalyStrategyError.self) { try OnlineNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: -3.0) }
        #expect(throws: AnomalyStrategyError.self) { try OnlineNormalStrategy(lowerDeviationFactor: -3.0, upperDeviationFactor: nil) }
    }

    @Test func rejectsPercentagesOutOfRange() {
        #expect(throws: AnomalyStrategyError.self) { try OnlineNormalStrategy(ignoreStartPercentage: 1.5) }
        #expect(throws: AnomalyStrategyError.self) { try OnlineNormalStrategy(ignoreStartPercentage: -1.0) }
    }

    @Test func detailNamesValueAndBounds() throws {
        let anomalies = strategy.detect(data)
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            let numbers = try firstThreeNumbers(anomaly.detail)
            #expect(numbers[0] == anomaly.value)
            #expect(numbers[0] < numbers[1] || numbers[0] > numbers[2])
        }
    }
}

@Suite struct BatchNormalStrategyTests {
    let data: [Double]
    let strategy: BatchNormalStrategy

    init() throws {
        var random = JavaRandom(seed: 1)
        data = deequNoisySeries(count: 50, random: &random)
        strategy = try BatchNormalStrategy(lowerDeviationFactor: 1.0, upperDeviationFactor: 1.0)
    }

    @Test func detectsOnlyInInterval() {
        expectAnomalies(strategy.detect(data, searchInterval: 25..<50), at: Array(25...30), in: data)
    }

    @Test func ignoresLowerFactorIfNoneGiven() throws {
        let strategy = try BatchNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: 1.0)
        expectAnomalies(
            strategy.detect(data, searchInterval: 20..<31), at: Array(stride(from: 20, through: 30, by: 2)), in: data)
    }

    @Test func ignoresUpperFactorIfNoneGiven() throws {
        let strategy = try BatchNormalStrategy(lowerDeviationFactor: 1.0, upperDeviationFactor: nil)
        expectAnomalies(
            strategy.detect(data, searchInterval: 10..<30), at: Array(stride(from: 21, through: 29, by: 2)), in: data)
    }

    @Test func leavesIntervalOutOfStatistics() throws {
        let series = [1.0, 1.0, 1.0, 1000.0, 500.0, 1.0]
        let strategy = try BatchNormalStrategy(lowerDeviationFactor: 3.0, upperDeviationFactor: 3.0)
        expectAnomalies(strategy.detect(series, searchInterval: 3..<5), at: [3, 4], in: series)
    }

    @Test func nothingLeftForStatistics() throws {
        // Deequ raises an error; here there is no baseline and nothing is flagged.
        let strategy = try BatchNormalStrategy()
        #expect(strategy.baseline(data, searchInterval: 0..<data.count) == nil)
        #expect(strategy.detect(data).isEmpty)
    }

    @Test func noAnomaliesWithMaximalFactors() throws {
        let strategy = try BatchNormalStrategy(
            lowerDeviationFactor: Double.greatestFiniteMagnitude, upperDeviationFactor: Double.greatestFiniteMagnitude)
        #expect(strategy.detect(data, searchInterval: 30..<51).isEmpty)
    }

    @Test func rejectsNegativeFactors() {
        #expect(throws: AnomalyStrategyError.self) { try BatchNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: -3.0) }
        #expect(throws: AnomalyStrategyError.self) { try BatchNormalStrategy(lowerDeviationFactor: -3.0, upperDeviationFactor: nil) }
    }

    @Test func rejectsMissingFactors() {
        #expect(throws: AnomalyStrategyError.self) { try BatchNormalStrategy(lowerDeviationFactor: nil, upperDeviationFactor: nil) }
    }

    @Test func detailNamesValueAndBounds() throws {
        let anomalies = strategy.detect(data, searchInterval: 25..<50)
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            let numbers = try firstThreeNumbers(anomaly.detail)
            #expect(numbers[0] == anomaly.value)
            #expect(numbers[0] < numbers[1] || numbers[0] > numbers[2])
        }
    }

    @Test func includeIntervalUsesWholeSeries() throws {
        let series = [1.0, 1.0, 1.0, 1000.0, 500.0, 1.0]
        let strategy = try BatchNormalStrategy(lowerDeviationFactor: 3.0, upperDeviationFactor: 3.0, includeInterval: true)
        let baseline = try #require(strategy.baseline(series, searchInterval: 3..<5))
        #expect(baseline.count == 6)
        // With the outliers in the statistics the deviation is too wide to flag them.
        #expect(strategy.detect(series, searchInterval: 3..<5).isEmpty)
    }
}

@Suite struct AnomalyStrategyFactoryTests {
    @Test func defaultIsRelativeRateOfChangeHalvingOrDoubling() throws {
        let strategy = try #require(try AnomalyStrategies.make(name: nil, options: [:]) as? RelativeRateOfChangeStrategy)
        #expect(strategy.maxRateDecrease == 0.5)
        #expect(strategy.maxRateIncrease == 2.0)
        #expect(strategy.order == 1)
        let rowCounts: [Double] = [100, 110, 250, 240, 100]
        expectAnomalies(strategy.detect(rowCounts), at: [2, 4], in: rowCounts)
    }

    @Test func defaultTakesOverrides() throws {
        let strategy = try #require(
            try AnomalyStrategies.make(name: nil, options: ["maxRateIncrease": "3"]) as? RelativeRateOfChangeStrategy)
        #expect(strategy.maxRateDecrease == 0.5)
        #expect(strategy.maxRateIncrease == 3.0)
    }

    @Test func onlineNormalWithOption() throws {
        let strategy = try #require(
            try AnomalyStrategies.make(name: "OnlineNormal", options: ["upperDeviationFactor": "2"]) as? OnlineNormalStrategy)
        #expect(strategy.upperDeviationFactor == 2)
        #expect(strategy.lowerDeviationFactor == 3)
        #expect(strategy.ignoreStartPercentage == 0.1)
        #expect(strategy.ignoreAnomalies)
    }

    @Test func everyStrategyByName() throws {
        #expect(try AnomalyStrategies.make(name: "SimpleThreshold", options: ["upperBound": "1"]) is SimpleThresholdStrategy)
        #expect(
            try AnomalyStrategies.make(name: "absoluteChangeStrategy", options: ["maxRateIncrease": "10", "order": "2"])
                as? AbsoluteChangeStrategy == AbsoluteChangeStrategy(maxRateIncrease: 10, order: 2))
        #expect(
            try AnomalyStrategies.make(name: "RelativeRateOfChange", options: ["maxRateDecrease": "none"])
                as? RelativeRateOfChangeStrategy == RelativeRateOfChangeStrategy(maxRateIncrease: 2.0))
        #expect(
            try AnomalyStrategies.make(name: "OnlineNormal", options: ["ignoreAnomalies": "false", "lowerDeviationFactor": "none"])
                as? OnlineNormalStrategy == OnlineNormalStrategy(lowerDeviationFactor: nil, ignoreAnomalies: false))
        #expect(
            try AnomalyStrategies.make(name: "BatchNormal", options: ["includeInterval": "true"])
                as? BatchNormalStrategy == BatchNormalStrategy(includeInterval: true))
    }

    @Test func rejectsUnknownName() {
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "HoltWinters", options: [:]) }
    }

    @Test func rejectsUnknownOption() throws {
        do {
            _ = try AnomalyStrategies.make(name: "OnlineNormal", options: ["upperFactor": "2"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("upperFactor"))
            #expect(error.hint.contains("upperDeviationFactor"))
            #expect(error.description.contains("upperFactor"))
        }
    }

    @Test func rejectsUnparsableValues() {
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "OnlineNormal", options: ["upperDeviationFactor": "two"]) }
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "AbsoluteChange", options: ["maxRateIncrease": "1", "order": "1.5"]) }
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "BatchNormal", options: ["includeInterval": "yes"]) }
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "SimpleThreshold", options: ["upperBound": "nan"]) }
    }

    @Test func rejectsInvalidParameters() {
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "AbsoluteChange", options: [:]) }
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "SimpleThreshold", options: [:]) }
        #expect(throws: AnomalyStrategyError.self) { try AnomalyStrategies.make(name: "OnlineNormal", options: ["ignoreStartPercentage": "2"]) }
    }
}
