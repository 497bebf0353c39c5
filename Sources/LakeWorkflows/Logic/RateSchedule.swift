import LakeCore

/// A fixed-interval schedule, `rate(n minutes|hours|days)`, counted from the last time it fired.
public struct RateSchedule: Hashable, Sendable, CustomStringConvertible {
    /// The unit of a rate.
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        /// Minutes.
        case minute
        /// Hours.
        case hour
        /// Days (of 24 hours; rates ignore daylight saving, being in UTC).
        case day

        /// The unit's length in seconds.
        public var seconds: Int {
            switch self {
            case .minute: return 60
            case .hour: return 3600
            case .day: return 86_400
            }
        }
    }

    /// How many units between fires (at least 1).
    public let value: Int
    /// The unit.
    public let unit: Unit

    /// The interval in seconds.
    public var intervalSeconds: Int { value * unit.seconds }

    /// `rate(…)`, singular unit for 1 and plural otherwise, as AWS writes it.
    public var description: String { "rate(\(value) \(unit.rawValue)\(value == 1 ? "" : "s"))" }

    /// The largest value accepted (about 19 years in minutes, far more in days).
    static let maximumValue = 10_000_000

    /// Parses the text between the parentheses of `rate(…)`; `context` names the whole expression.
    /// Either unit form (`1 minutes`, `5 minute`) is accepted.
    static func parse(fields text: String, _ context: ScheduleErrorContext) throws(LakeError) -> RateSchedule {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else {
            throw context.error("a rate has a number and a unit, e.g. rate(5 minutes) or rate(1 day)")
        }
        guard let value = Digits.unsigned(parts[0]), value >= 1, value <= maximumValue else {
            throw context.error("the rate value '\(parts[0])' must be a whole number from 1 to \(maximumValue)")
        }
        var unitText = parts[1].lowercased()
        if unitText.hasSuffix("s") { unitText.removeLast() }
        guard let unit = Unit(rawValue: unitText) else {
            throw context.error("the rate unit '\(parts[1])' must be minute(s), hour(s) or day(s)")
        }
        return RateSchedule(value: value, unit: unit)
    }
}
