/// A proleptic Gregorian calendar date with no time zone, and the day arithmetic the workflow
/// manager needs (days since 1970-01-01, weekdays, month lengths). Pure integer arithmetic, so it
/// is fast and does not depend on Foundation's calendars.
struct CivilDate: Hashable, Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative for earlier dates).
    init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (negative for earlier dates).
    var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week in AWS cron numbering: 1 = Sunday … 7 = Saturday.
    var awsWeekday: Int {
        // 1970-01-01 was a Thursday (5 in this numbering).
        let mod = (daysSinceEpoch + 4) % 7
        return (mod < 0 ? mod + 7 : mod) + 1
    }

    /// The date `count` days later (earlier when negative).
    func adding(days count: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// The first day of the month `count` months later (earlier when negative).
    func firstOfMonth(addingMonths count: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + count
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return CivilDate(year: y, month: index - y * 12 + 1, day: 1)
    }

    /// The number of days in this date's month.
    var daysInMonth: Int { CivilDate.daysIn(year: year, month: month) }

    /// The number of days in `month` of `year`.
    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True for Gregorian leap years.
    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// True when `day` exists in the month (e.g. not 2023-02-29).
    var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= daysInMonth
    }

    /// `yyyy-MM-dd`.
    var text: String {
        "\(Digits.pad(year, 4))-\(Digits.pad(month, 2))-\(Digits.pad(day, 2))"
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
