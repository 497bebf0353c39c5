import Foundation
import LakeCore

/// A workflow schedule, in UTC: an AWS EventBridge `cron(…)`, a `rate(…)` or one of the workflow
/// manager's `custom(…)` schedules (see ``CronSchedule``, ``RateSchedule``, ``CustomSchedule``).
public enum ScheduleExpression: Hashable, Sendable, CustomStringConvertible {
    /// `cron(minutes hours day-of-month month day-of-week year)`.
    case cron(CronSchedule)
    /// `rate(n unit)`.
    case rate(RateSchedule)
    /// `custom(H * *)`, `custom(D * h)`, `custom(W d h)`, `custom(M d h)`.
    case custom(CustomSchedule)

    /// How far ahead ``nextFire(after:lastFired:)`` looks: five years of days.
    public static let searchHorizonDays = 5 * 365 + 2

    /// Parses `text` (keywords case-insensitive, surrounding spaces ignored). Throws a `.usage`
    /// error naming the part that is wrong.
    public static func parse(_ text: String) throws(LakeError) -> ScheduleExpression {
        let context = ScheduleErrorContext(text: text)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            throw context.error("expected cron(…), rate(…) or custom(…)")
        }
        let keyword = trimmed[..<open].trimmingCharacters(in: .whitespaces).lowercased()
        let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        guard !inner.contains("("), !inner.contains(")") else {
            throw context.error("unbalanced parentheses")
        }
        switch keyword {
        case "cron": return .cron(try CronSchedule.parse(fields: inner, context))
        case "rate": return .rate(try RateSchedule.parse(fields: inner, context))
        case "custom": return .custom(try CustomSchedule.parse(fields: inner, context))
        default: throw context.error("unknown schedule kind '\(keyword)'; expected cron(…), rate(…) or custom(…)")
        }
    }

    /// The expression in canonical form, e.g. `cron(0 12 ? * MON *)`, `rate(5 minutes)`, `custom(D * 7)`.
    public var description: String {
        switch self {
        case .cron(let cron): return cron.description
        case .rate(let rate): return rate.description
        case .custom(let custom): return custom.description
        }
    }

    /// The cron schedule that does the matching for cron and custom forms; nil for a rate.
    var calendarSchedule: CronSchedule? {
        switch self {
        case .cron(let cron): return cron
        case .custom(let custom): return custom.cron
        case .rate: return nil
        }
    }

    /// True when a cron or custom schedule fires in the UTC minute containing `minute` (seconds
    /// are ignored). Always false for a rate, which fires relative to its last fire rather than
    /// at set times (use ``nextFire(after:lastFired:)``).
    public func matches(_ minute: Date) -> Bool {
        guard let cron = calendarSchedule else { return false }
        let minutes = Self.minuteIndex(minute)
        let day = Self.floorDivide(minutes, 1440)
        return cron.matches(day: CivilDate(daysSinceEpoch: day)) && cron.matches(minuteOfDay: minutes - day * 1440)
    }

    /// When the schedule fires next.
    ///
    /// - A rate: `lastFired` + the interval (which may be at or before `after`, meaning it is
    ///   due), or, when it never fired, `after` rounded up to a whole minute.
    /// - Cron and custom: the first matching minute strictly after `after` (and after
    ///   `lastFired`, when that is later); nil when none comes within ``searchHorizonDays``.
    public func nextFire(after: Date, lastFired: Date?) -> Date? {
        guard let cron = calendarSchedule else {
            guard case .rate(let rate) = self else { return nil }
            if let lastFired { return lastFired.addingTimeInterval(TimeInterval(rate.intervalSeconds)) }
            return Date(timeIntervalSince1970: (after.timeIntervalSince1970 / 60).rounded(.up) * 60)
        }
        let from = max(after, lastFired ?? after)
        let start = Self.minuteIndex(from) + 1
        let limit = start + Self.searchHorizonDays * 1440
        guard let minute = cron.firstFire(atOrAfterMinute: start, limit: limit) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(minute) * 60)
    }

    /// The fire times in (`since`, `until`], oldest first, at most `limit` of them; for a rate,
    /// `since` counts as its last fire. Used to fire once for what was missed while stopped.
    public func dueFires(since: Date, until: Date, limit: Int) -> [Date] {
        var fires: [Date] = []
        var last = since
        let isRate = calendarSchedule == nil
        while fires.count < limit, let next = nextFire(after: last, lastFired: isRate ? last : nil), next <= until {
            guard next > last else { break }
            fires.append(next)
            last = next
        }
        return fires
    }

    /// Whole minutes since 1970-01-01 UTC, rounded down.
    static func minuteIndex(_ date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e15 else { return 0 }
        return Int((seconds / 60).rounded(.down))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}
