import Foundation

/// AMC's timestamps: `yyyy-MM-dd'T'HH:mm:ss'Z'` out, and local date-times
/// (`yyyy-MM-ddTHH:mm:ss`, optionally with fractions or a `Z`, or a bare date) in.
enum AMCTimestamp {
    /// A Gregorian calendar in `zone`.
    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `date` as `yyyy-MM-dd'T'HH:mm:ss'Z'`, fractions of a second dropped.
    static func format(_ date: Date) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let c = calendar(.gmt).dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// The instant `text` names, read in `zone` (or in UTC when it ends with `Z`); nil when it
    /// is not a valid date-time.
    static func parse(_ text: String, in zone: TimeZone) -> Date? {
        guard let local = LocalDateTime(text) else { return nil }
        let components = DateComponents(
            year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second)
        let calendar = calendar(local.isUTC ? .gmt : zone)
        guard let date = calendar.date(from: components) else { return nil }
        // Reject days that roll over (February 30th).
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == local.year, back.month == local.month, back.day == local.day else { return nil }
        return date
    }
}

/// The fields of a written date-time, before a time zone makes it an instant.
struct LocalDateTime: Sendable, Hashable {
    var year: Int, month: Int, day: Int
    var hour = 0, minute = 0, second = 0
    /// Whether the text ended with `Z` (UTC whatever the zone).
    var isUTC = false

    /// Reads `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm[:ss[.fff]]` with an optional `Z`; nil otherwise.
    init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
            isUTC = true
        }
        let halves = rest.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let date = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
              let year = Self.number(date[0]), let month = Self.number(date[1]), let day = Self.number(date[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        guard halves.count == 2 else { return }
        let clock = halves[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if clock.count == 2, clock[1].isEmpty || Self.number(clock[1]) == nil { return nil }
        let parts = clock[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }),
              let hour = Self.number(parts[0]), let minute = Self.number(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
        if parts.count == 3 {
            guard let second = Self.number(parts[2]), (0...59).contains(second) else { return nil }
            self.second = second
        }
    }

    private static func number(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
