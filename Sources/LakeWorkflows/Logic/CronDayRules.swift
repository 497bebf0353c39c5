import LakeCore

/// The day-of-month field of a cron expression: day numbers, `L` (the last day), `LW` (the last
/// weekday) and `nW` (the weekday nearest day n, within the month).
struct CronDayOfMonthRule: Hashable, Sendable {
    enum Item: Hashable, Sendable {
        case days(Set<Int>)
        case last
        case lastWeekday
        case nearestWeekday(Int)
    }

    var items: [Item]

    /// Parses the field (not `?`).
    static func parse(_ text: String, _ context: ScheduleErrorContext) throws(LakeError) -> CronDayOfMonthRule {
        let field = CronField.dayOfMonth
        var items: [Item] = []
        for item in try field.items(text, context) {
            if item == "L" {
                items.append(.last)
            } else if item == "LW" {
                items.append(.lastWeekday)
            } else if item.hasSuffix("W") {
                items.append(.nearestWeekday(try field.value(item.dropLast(), item, context)))
            } else if item.contains("L") || item.contains("W") {
                throw context.error("the day-of-month item '\(item)' is not valid (use L, LW, nW or numbers)")
            } else {
                items.append(.days(Set(try field.values(ofItem: item, context))))
            }
        }
        return CronDayOfMonthRule(items: items)
    }

    /// True when `date` is one of the days the field names.
    func matches(_ date: CivilDate) -> Bool {
        let length = date.daysInMonth
        return items.contains { item in
            switch item {
            case .days(let days): return days.contains(date.day)
            case .last: return date.day == length
            case .lastWeekday: return date.day == Self.weekdayNear(length, in: date)
            case .nearestWeekday(let day): return day <= length && date.day == Self.weekdayNear(day, in: date)
            }
        }
    }

    /// The Monday-to-Friday day nearest `day` of `date`'s month, not leaving the month.
    private static func weekdayNear(_ day: Int, in date: CivilDate) -> Int {
        let target = CivilDate(year: date.year, month: date.month, day: day)
        switch target.awsWeekday {
        case 7: return day == 1 ? day + 2 : day - 1  // Saturday: Friday, or Monday the 3rd
        case 1: return day == target.daysInMonth ? day - 2 : day + 1  // Sunday: Monday, or Friday
        default: return day
        }
    }
}

/// The day-of-week field of a cron expression (1 = Sunday … 7 = Saturday): weekdays, `L`
/// (Saturday, the last day of the week), `dL` (the last such weekday of the month) and `d#k`
/// (the k-th such weekday of the month).
struct CronDayOfWeekRule: Hashable, Sendable {
    enum Item: Hashable, Sendable {
        case weekdays(Set<Int>)
        case lastInMonth(Int)
        case nth(Int, Int)
    }

    var items: [Item]

    /// Parses the field (not `?`).
    static func parse(_ text: String, _ context: ScheduleErrorContext) throws(LakeError) -> CronDayOfWeekRule {
        let field = CronField.dayOfWeek
        var items: [Item] = []
        for item in try field.items(text, context) {
            if item == "L" {
                items.append(.weekdays([7]))
            } else if let hash = item.firstIndex(of: "#") {
                let weekday = try field.value(item[..<hash], item, context)
                guard let nth = Digits.unsigned(item[item.index(after: hash)...]), (1...5).contains(nth) else {
                    throw context.error("the number after '#' in the day-of-week item '\(item)' must be 1 to 5")
                }
                items.append(.nth(weekday, nth))
            } else if item.count > 1, item.hasSuffix("L") {
                items.append(.lastInMonth(try field.value(item.dropLast(), item, context)))
            } else {
                items.append(.weekdays(Set(try field.values(ofItem: item, context))))
            }
        }
        return CronDayOfWeekRule(items: items)
    }

    /// True when `date` is one of the days the field names.
    func matches(_ date: CivilDate) -> Bool {
        let weekday = date.awsWeekday
        return items.contains { item in
            switch item {
            case .weekdays(let days): return days.contains(weekday)
            case .lastInMonth(let day): return weekday == day && date.day + 7 > date.daysInMonth
            case .nth(let day, let nth): return weekday == day && (date.day - 1) / 7 + 1 == nth
            }
        }
    }
}
