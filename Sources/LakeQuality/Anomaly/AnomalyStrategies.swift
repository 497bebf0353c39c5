import Foundation

/// Builds anomaly detection strategies from a name and string options, as DQDL's
/// `DetectAnomalies "RowCount" with strategy = OnlineNormal with upperDeviationFactor = 2`
/// gives them.
///
/// Names (case-insensitive, a `Strategy` suffix allowed): `SimpleThreshold`, `AbsoluteChange`
/// (alias `RateOfChange`, Deequ's deprecated name for it), `RelativeRateOfChange`,
/// `OnlineNormal`, `BatchNormal`. Option names are the parameter names of the strategy's
/// initializer in camelCase (matched case-insensitively); values are numbers, `true`/`false`, or
/// `none` to leave an optional limit or factor unset.
///
/// No name gives `RelativeRateOfChange` with `maxRateDecrease` 0.5 and `maxRateIncrease` 2.0:
/// a metric such as a row count is flagged when it falls below half or rises above twice its
/// previous value. Deequ itself has no default; its row-count example uses
/// `maxRateIncrease` 2.0 alone, and 0.5 adds the symmetric guard against a halving. The same two
/// defaults apply when `RelativeRateOfChange` is named and a limit is not given.
public enum AnomalyStrategies {
    /// Ratio to the previous value below which the default strategy flags a point.
    public static let defaultMaxRateDecrease = 0.5
    /// Ratio to the previous value above which the default strategy flags a point.
    public static let defaultMaxRateIncrease = 2.0
    /// The strategy names `make` accepts.
    public static let names = ["SimpleThreshold", "AbsoluteChange", "RelativeRateOfChange", "OnlineNormal", "BatchNormal"]

    /// The strategy for DQDL's `DetectAnomalies` without a `strategy`.
    public static var defaultStrategy: RelativeRateOfChangeStrategy {
        RelativeRateOfChangeStrategy(uncheckedDecrease: defaultMaxRateDecrease, increase: defaultMaxRateIncrease)
    }

    /// The strategy called `name` (nil: the default) configured by `options`; throws for an
    /// unknown name or option, a value that does not parse, or parameters the strategy rejects.
    public static func make(name: String?, options: [String: String]) throws(AnomalyStrategyError) -> any AnomalyDetectionStrategy {
        guard let name else {
            if options.isEmpty { return defaultStrategy }
            return try relativeRateOfChange(StrategyOptions(options, strategy: "RelativeRateOfChange (the default)", allowed: changeOptions))
        }
        switch canonicalName(name) {
        case "simplethreshold":
            let reader = try StrategyOptions(options, strategy: "SimpleThreshold", allowed: ["lowerBound", "upperBound"])
            let lower = try reader.double("lowerBound")
            let upper = try reader.double("upperBound")
            guard lower != nil || upper != nil else {
                throw AnomalyStrategyError(
                    message: "SimpleThreshold needs a bound", hint: "set lowerBound and/or upperBound, e.g. upperBound = 100")
            }
            return try SimpleThresholdStrategy(lowerBound: lower ?? -.infinity, upperBound: upper ?? .infinity)
        case "absolutechange", "rateofchange":
            let reader = try StrategyOptions(options, strategy: "AbsoluteChange", allowed: changeOptions)
            return try AbsoluteChangeStrategy(
                maxRateDecrease: try reader.optionalDouble("maxRateDecrease", default: nil),
                maxRateIncrease: try reader.optionalDouble("maxRateIncrease", default: nil),
                order: try reader.int("order") ?? 1)
        case "relativerateofchange":
            return try relativeRateOfChange(StrategyOptions(options, strategy: "RelativeRateOfChange", allowed: changeOptions))
        case "onlinenormal":
            let reader = try StrategyOptions(
                options, strategy: "OnlineNormal",
                allowed: ["lowerDeviationFactor", "upperDeviationFactor", "ignoreStartPercentage", "ignoreAnomalies"])
            return try OnlineNormalStrategy(
                lowerDeviationFactor: try reader.optionalDouble("lowerDeviationFactor", default: 3.0),
                upperDeviationFactor: try reader.optionalDouble("upperDeviationFactor", default: 3.0),
                ignoreStartPercentage: try reader.double("ignoreStartPercentage") ?? 0.1,
                ignoreAnomalies: try reader.bool("ignoreAnomalies") ?? true)
        case "batchnormal":
            let reader = try StrategyOptions(
                options, strategy: "BatchNormal", allowed: ["lowerDeviationFactor", "upperDeviationFactor", "includeInterval"])
            return try BatchNormalStrategy(
                lowerDeviationFactor: try reader.optionalDouble("lowerDeviationFactor", default: 3.0),
                upperDeviationFactor: try reader.optionalDouble("upperDeviationFactor", default: 3.0),
                includeInterval: try reader.bool("includeInterval") ?? false)
        default:
            throw AnomalyStrategyError(
                message: "unknown anomaly detection strategy '\(name)'", hint: "use one of \(names.joined(separator: ", "))")
        }
    }

    private static let changeOptions = ["maxRateDecrease", "maxRateIncrease", "order"]

    private static func relativeRateOfChange(_ reader: StrategyOptions) throws(AnomalyStrategyError) -> RelativeRateOfChangeStrategy {
        try RelativeRateOfChangeStrategy(
            maxRateDecrease: try reader.optionalDouble("maxRateDecrease", default: defaultMaxRateDecrease),
            maxRateIncrease: try reader.optionalDouble("maxRateIncrease", default: defaultMaxRateIncrease),
            order: try reader.int("order") ?? 1)
    }

    private static func canonicalName(_ name: String) -> String {
        var lowered = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if lowered.hasSuffix("strategy") { lowered.removeLast("strategy".count) }
        return lowered
    }
}

/// The options given to one strategy, checked against the names it takes and parsed on demand.
struct StrategyOptions {
    private let values: [String: String]  // canonical option name -> raw value
    private let strategy: String

    init(_ options: [String: String], strategy: String, allowed: [String]) throws(AnomalyStrategyError) {
        let canonical = Dictionary(allowed.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var values: [String: String] = [:]
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            guard let name = canonical[key.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()] else {
                throw AnomalyStrategyError(
                    message: "unknown option '\(key)' for \(strategy)",
                    hint: "\(strategy) takes \(allowed.joined(separator: ", "))")
            }
            values[name] = value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.values = values
        self.strategy = strategy
    }

    /// A number; nil when the option is absent.
    func double(_ name: String) throws(AnomalyStrategyError) -> Double? {
        guard let raw = values[name] else { return nil }
        guard let value = Double(raw), !value.isNaN else {
            throw invalid(name, raw, expected: "a number such as 2 or 0.5")
        }
        return value
    }

    /// A number, `none` for nil, or `fallback` when the option is absent.
    func optionalDouble(_ name: String, default fallback: Double?) throws(AnomalyStrategyError) -> Double? {
        guard let raw = values[name] else { return fallback }
        if raw.lowercased() == "none" { return nil }
        guard let value = Double(raw), !value.isNaN else {
            throw invalid(name, raw, expected: "a number such as 2 or 0.5, or none")
        }
        return value
    }

    /// A whole number; nil when the option is absent.
    func int(_ name: String) throws(AnomalyStrategyError) -> Int? {
        guard let raw = values[name] else { return nil }
        guard let value = Int(raw) else { throw invalid(name, raw, expected: "a whole number such as 1") }
        return value
    }

    /// `true` or `false`; nil when the option is absent.
    func bool(_ name: String) throws(AnomalyStrategyError) -> Bool? {
        guard let raw = values[name] else { return nil }
        switch raw.lowercased() {
        case "true": return true
        case "false": return false
        default: throw invalid(name, raw, expected: "true or false")
        }
    }

    private func invalid(_ name: String, _ raw: String, expected: String) -> AnomalyStrategyError {
        AnomalyStrategyError(message: "\(strategy): \(name) = '\(raw)' is not valid", hint: "\(name) takes \(expected)")
    }
}
