import Foundation

/// An execution's time window: its type, its bounds in UTC, and the values the request sent.
///
/// EXPLICIT windows take the request's start and end, read in `timeWindowTimeZone` (UTC when
/// absent). The other types are computed from the creation time in that zone: MOST_RECENT_DAY
/// is yesterday, MOST_RECENT_WEEK the seven days before today, CURRENT_MONTH the month so far,
/// PREVIOUS_MONTH the month before; ALL has no bounds.
struct TimeWindow: Sendable, Hashable {
    static let types: Set<String> = ["EXPLICIT", "MOST_RECENT_DAY", "MOST_RECENT_WEEK", "CURRENT_MONTH", "PREVIOUS_MONTH", "ALL"]

    var type: String
    var start: Date?
    var end: Date?
    var startOriginal: String?
    var endOriginal: String?
    var timeZoneOriginal: String?

    /// The window a request asks for at `now`; a 400 for an unknown type or zone, a bad or
    /// missing bound, or bounds with a type other than EXPLICIT. Without a type, a request with
    /// bounds is EXPLICIT and one without is MOST_RECENT_DAY.
    static func make(type requested: String?, start: String?, end: String?, timeZone: String?, now: Date) throws -> TimeWindow {
        let hasBounds = start != nil || end != nil
        let type = requested?.uppercased() ?? (hasBounds ? "EXPLICIT" : "MOST_RECENT_DAY")
        guard types.contains(type) else {
            throw AMCAPIError.badRequest("timeWindowType must be one of \(types.sorted().joined(separator: ", ")), not \(requested ?? "")")
        }
        let zone = try Self.zone(timeZone)
        var window = TimeWindow(type: type, startOriginal: start, endOriginal: end, timeZoneOriginal: timeZone)
        guard type == "EXPLICIT" else {
            if hasBounds { throw AMCAPIError.badRequest("timeWindowStart and timeWindowEnd are only allowed with timeWindowType EXPLICIT") }
            (window.start, window.end) = computed(type, now: now, zone: zone)
            return window
        }
        guard let start, let end else { throw AMCAPIError.badRequest("timeWindowType EXPLICIT needs timeWindowStart and timeWindowEnd") }
        guard let from = AMCTimestamp.parse(start, in: zone) else { throw AMCAPIError.badRequest("timeWindowStart is not a date-time (yyyy-MM-ddTHH:mm:ss): \(start)") }
        guard let to = AMCTimestamp.parse(end, in: zone) else { throw AMCAPIError.badRequest("timeWindowEnd is not a date-time (yyyy-MM-ddTHH:mm:ss): \(end)") }
        guard from < to else { throw AMCAPIError.badRequest("timeWindowStart must be before timeWindowEnd") }
        window.start = from
        window.end = to
        return window
    }

    /// The IANA zone `name` names; UTC when absent or empty.
    static func zone(_ name: String?) throws -> TimeZone {
        guard let name, !name.isEmpty else { return .gmt }
        guard let zone = TimeZone(identifier: name) else { throw AMCAPIError.badRequest("timeWindowTimeZone is not an IANA time zone: \(name)") }
        return zone
    }

    private static func computed(_ type: String, now: Date, zone: TimeZone) -> (Date?, Date?) {
        let calendar = AMCTimestamp.calendar(zone)
        let today = calendar.startOfDay(for: now)
        let month = calendar.dateInterval(of: .month, for: now)?.start
        switch type {
        case "MOST_RECENT_DAY": return (calendar.date(byAdding: .day, value: -1, to: today), today)
        case "MOST_RECENT_WEEK": return (calendar.date(byAdding: .day, value: -7, to: today), today)
        case "CURRENT_MONTH": return (month, today)
        case "PREVIOUS_MONTH": return (month.flatMap { calendar.date(byAdding: .month, value: -1, to: $0) }, month)
        default: return (nil, nil)
        }
    }
}
