import Foundation

/// Reads and writes the naive timestamps the workflow manager exchanges with AMC:
/// `yyyy-MM-dd'T'HH:mm:ss`, wall-clock time in some zone, no zone suffix.
enum LocalTimestamp {
    /// UTC.
    static let utc: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone.gmt

    /// Seconds in a day.
    static let secondsPerDay = 86_400

    /// A Gregorian calendar whose time zone is `zone`.
    static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `yyyy-MM-dd'T'HH:mm:ss` for a civil date and time of day.
    static func format(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> String {
        "\(date.text)T\(Digits.pad(hour, 2)):\(Digits.pad(minute, 2)):\(Digits.pad(second, 2))"
    }

    /// `yyyy-MM-dd'T'HH:mm:ss` for `instant` as the wall clock in `zone` shows it (seconds truncated).
    static func format(_ instant: Date, in zone: TimeZone) -> String {
        let parts = calendar(in: zone).dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let date = CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return format(date, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }

    /// The civil date `instant` falls on in `zone`.
    static func civilDate(of instant: Date, in zone: TimeZone) -> CivilDate {
        let parts = calendar(in: zone).dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The first instant of `date` in `zone`: midnight, or the first wall-clock time that exists
    /// when the day starts later (a daylight-saving change at midnight), formatted as the wall clock
    /// shows it then (`…T00:00:00`, or `…T01:00:00` on such a day).
    static func startOfDayText(_ date: CivilDate, in zone: TimeZone) -> String? {
        let calendar = calendar(in: zone)
        // Noon always exists, and the day's start is found from it.
        let noon = DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)
        guard let midday = calendar.date(from: noon) else { return nil }
        return format(calendar.startOfDay(for: midday), in: zone)
    }

    /// The instant of a civil date and time of day in UTC.
    static func utcInstant(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        let seconds = date.daysSinceEpoch * secondsPerDay + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Parses a strict `yyyy-MM-dd` day (four-digit year, real calendar date).
    static func parseDay(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let year = Digits.unsigned(text.prefix(4)),
            let month = Digits.unsigned(text.dropFirst(5).prefix(2)),
            let day = Digits.unsigned(text.dropFirst(8))
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }
}
