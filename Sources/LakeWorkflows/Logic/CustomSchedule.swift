import LakeCore

/// The workflow manager's own schedules, firing at minute 0 of an hour, in UTC:
/// `custom(H * *)` every hour, `custom(D * h)` daily at hour h, `custom(W d h)` weekly on day d
/// (0 = Monday … 6 = Sunday) at hour h, `custom(M d h)` monthly on day d at hour h (not at all in
/// a month without day d).
public struct CustomSchedule: Hashable, Sendable, CustomStringConvertible {
    /// How often a custom schedule fires.
    public enum Frequency: Hashable, Sendable {
        /// `custom(H * *)`.
        case hourly
        /// `custom(D * hour)`.
        case daily(hour: Int)
        /// `custom(W weekday hour)`, weekday 0 = Monday … 6 = Sunday.
        case weekly(weekday: Int, hour: Int)
        /// `custom(M day hour)`, day of the month 1-31.
        case monthly(day: Int, hour: Int)
    }

    /// When it fires.
    public let frequency: Frequency
    /// The same schedule as an EventBridge cron schedule (it does the matching), e.g.
    /// `cron(0 7 * * ? *)` for `custom(D * 7)`.
    public let cron: CronSchedule

    /// `custom(…)`, numbers without zero padding.
    public var description: String {
        switch frequency {
        case .hourly: return "custom(H * *)"
        case .daily(let hour): return "custom(D * \(hour))"
        case .weekly(let weekday, let hour): return "custom(W \(weekday) \(hour))"
        case .monthly(let day, let hour): return "custom(M \(day) \(hour))"
        }
    }

    /// Parses the text between the parentheses of `custom(…)`; `context` names the whole expression.
    static func parse(fields text: String, _ context: ScheduleErrorContext) throws(LakeError) -> CustomSchedule {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 3 else {
            throw context.error("a custom schedule has 3 fields (H * *, D * hour, W weekday hour or M day hour), this one has \(parts.count)")
        }
        func number(_ index: Int, _ what: String, _ range: ClosedRange<Int>) throws(LakeError) -> Int {
            guard let value = Digits.unsigned(parts[index]), range.contains(value) else {
                throw context.error("the \(what) '\(parts[index])' must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        func star(_ index: Int) throws(LakeError) {
            guard parts[index] == "*" else {
                throw context.error("field \(index + 1) of custom(\(parts[0]) …) must be '*', not '\(parts[index])'")
            }
        }
        let frequency: Frequency
        switch parts[0].uppercased() {
        case "H":
            try star(1)
            try star(2)
            frequency = .hourly
        case "D":
            try star(1)
            frequency = .daily(hour: try number(2, "hour", 0...23))
        case "W":
            frequency = .weekly(weekday: try number(1, "weekday (0 = Monday … 6 = Sunday)", 0...6), hour: try number(2, "hour", 0...23))
        case "M":
            frequency = .monthly(day: try number(1, "day of the month", 1...31), hour: try number(2, "hour", 0...23))
        default:
            throw context.error("the frequency '\(parts[0])' must be H (hourly), D (daily), W (weekly) or M (monthly)")
        }
        return CustomSchedule(frequency: frequency)
    }

    /// A custom schedule firing at `frequency`; the values must be in range (see ``Frequency``).
    init(frequency: Frequency) {
        self.frequency = frequency
        let months = Set(CronField.month.range)
        let years = Set(CronField.year.range)
        let everyDay = CronDayOfMonthRule(items: [.days(Set(CronField.dayOfMonth.range))])
        func cron(_ fields: String, hours: Set<Int>, days: CronDayOfMonthRule?, weekdays: CronDayOfWeekRule?) -> CronSchedule {
            CronSchedule(
                fields: fields, minutes: [0], hours: hours, daysOfMonth: days, months: months, daysOfWeek: weekdays,
                years: years)
        }
        switch frequency {
        case .hourly:
            self.cron = cron("0 * * * ? *", hours: Set(CronField.hours.range), days: everyDay, weekdays: nil)
        case .daily(let hour):
            self.cron = cron("0 \(hour) * * ? *", hours: [hour], days: everyDay, weekdays: nil)
        case .weekly(let weekday, let hour):
            // Monday = 0 here; AWS counts Sunday = 1 … Saturday = 7, so Monday = 2.
            let awsWeekday = (weekday + 1) % 7 + 1
            self.cron = cron(
                "0 \(hour) ? * \(awsWeekday) *", hours: [hour], days: nil,
                weekdays: CronDayOfWeekRule(items: [.weekdays([awsWeekday])]))
        case .monthly(let day, let hour):
            self.cron = cron("0 \(hour) \(day) * ? *", hours: [hour], days: CronDayOfMonthRule(items: [.days([day])]), weekdays: nil)
        }
    }
}
