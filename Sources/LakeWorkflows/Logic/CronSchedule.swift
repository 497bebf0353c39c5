import Foundation
import LakeCore

/// An AWS EventBridge cron schedule, `cron(minutes hours day-of-month month day-of-week year)`,
/// in UTC. Exactly one of day-of-month and day-of-week is `?`; day-of-week counts 1 = Sunday …
/// 7 = Saturday.
public struct CronSchedule: Hashable, Sendable, CustomStringConvertible {
    /// The six fields as written, e.g. `0 12 ? * MON-FRI *`.
    public let fields: String
    let minutes: [Int]
    let hours: [Int]
    let daysOfMonth: CronDayOfMonthRule?
    let months: Set<Int>
    let daysOfWeek: CronDayOfWeekRule?
    let years: Set<Int>

    init(
        fields: String, minutes: Set<Int>, hours: Set<Int>, daysOfMonth: CronDayOfMonthRule?, months: Set<Int>,
        daysOfWeek: CronDayOfWeekRule?, years: Set<Int>
    ) {
        self.fields = fields
        self.minutes = minutes.sorted()
        self.hours = hours.sorted()
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.years = years
    }

    /// `cron(…)`.
    public var description: String { "cron(\(fields))" }

    /// Parses the text between the parentheses of `cron(…)`; `context` names the whole expression.
    static func parse(fields text: String, _ context: ScheduleErrorContext) throws(LakeError) -> CronSchedule {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 6 else {
            throw context.error(
                "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), this one has \(parts.count)")
        }
        let names = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"]
        for (index, part) in parts.enumerated() where part.contains("?") {
            guard part == "?" else { throw context.error("'?' must stand alone in a field, not '\(part)'") }
            guard index == 2 || index == 4 else {
                throw context.error("'?' is allowed only in day-of-month or day-of-week, not in the \(names[index]) field")
            }
        }
        let (dom, dow) = (parts[2], parts[4])
        guard (dom == "?") != (dow == "?") else {
            throw context.error(
                dom == "?"
                    ? "day-of-month and day-of-week cannot both be '?'"
                    : "one of day-of-month and day-of-week must be '?' (e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON *))")
        }
        return CronSchedule(
            fields: parts.joined(separator: " "),
            minutes: try CronField.minutes.values(parts[0], context),
            hours: try CronField.hours.values(parts[1], context),
            daysOfMonth: dom == "?" ? nil : try CronDayOfMonthRule.parse(dom, context),
            months: try CronField.month.values(parts[3], context),
            daysOfWeek: dow == "?" ? nil : try CronDayOfWeekRule.parse(dow, context),
            years: try CronField.year.values(parts[5], context))
    }

    /// True when the schedule fires on `date` (at some time of day).
    func matches(day date: CivilDate) -> Bool {
        guard years.contains(date.year), months.contains(date.month) else { return false }
        if let daysOfMonth { return daysOfMonth.matches(date) }
        return daysOfWeek?.matches(date) ?? false
    }

    /// The first firing minute of the day (minutes since midnight) at or after `minuteOfDay`.
    func firstMinute(atOrAfter minuteOfDay: Int) -> Int? {
        let (hour, minute) = (minuteOfDay / 60, minuteOfDay % 60)
        for h in hours where h >= hour {
            if h > hour, let first = minutes.first { return h * 60 + first }
            if let m = minutes.first(where: { $0 >= minute }) { return h * 60 + m }
        }
        return nil
    }

    /// True when the schedule fires at the minute `minuteOfDay` (minutes since midnight).
    func matches(minuteOfDay: Int) -> Bool {
        hours.contains(minuteOfDay / 60) && minutes.contains(minuteOfDay % 60)
    }

    /// The first firing minute at or after the minute `start` (minutes since 1970-01-01 UTC),
    /// looking no further than the minute `limit`. Skips whole years, months and days.
    func firstFire(atOrAfterMinute start: Int, limit: Int) -> Int? {
        let minutesPerDay = 1440
        var day = start >= 0 ? start / minutesPerDay : (start - minutesPerDay + 1) / minutesPerDay
        var minuteOfDay = start - day * minutesPerDay
        guard let lastYear = years.max() else { return nil }
        while day * minutesPerDay <= limit {
            let date = CivilDate(daysSinceEpoch: day)
            if date.year > lastYear { return nil }
            if !years.contains(date.year) {
                day = CivilDate(year: date.year + 1, month: 1, day: 1).daysSinceEpoch
            } else if !months.contains(date.month) {
                day = date.firstOfMonth(addingMonths: 1).daysSinceEpoch
            } else {
                if matches(day: date), let minute = firstMinute(atOrAfter: minuteOfDay) {
                    let found = day * minutesPerDay + minute
                    return found <= limit ? found : nil
                }
                day += 1
            }
            minuteOfDay = 0
        }
        return nil
    }
}
