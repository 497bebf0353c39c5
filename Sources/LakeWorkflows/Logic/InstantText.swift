import Foundation
import LakeCore

/// Parses an absolute instant written in ISO 8601 with a zone, as the CLI's `--now` option takes
/// it: `2024-03-31T13:45:07Z`, `2024-03-31T13:45:07.250Z`, `2024-03-31T13:45:07+02:00`,
/// `2024-03-31T13:45:07-0500` or `…+02`. Seconds may be omitted (`2024-03-31T13:45Z`).
public enum InstantText {
    /// The instant `text` names. Throws a `.usage` error saying what is wrong otherwise (a
    /// missing zone, an impossible date such as February 30, a malformed part).
    public static func parse(_ text: String) throws(LakeError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let separator = trimmed.firstIndex(where: { $0 == "T" || $0 == "t" }) else {
            throw bad(text, "expected a date, 'T' and a time, e.g. 2024-03-31T13:45:07Z")
        }
        guard let day = LocalTimestamp.parseDay(String(trimmed[..<separator])) else {
            throw bad(text, "the date must be a real yyyy-MM-dd date")
        }
        let rest = trimmed[trimmed.index(after: separator)...]
        guard let zoneStart = rest.firstIndex(where: { "Zz+-".contains($0) }) else {
            throw bad(text, "the time zone is missing: end with Z for UTC or an offset such as +02:00")
        }
        let (hour, minute, second, fraction) = try parseTime(rest[..<zoneStart], text)
        let offset = try parseOffset(rest[zoneStart...], text)
        let base = LocalTimestamp.utcInstant(day, hour: hour, minute: minute, second: second)
        return base.addingTimeInterval(fraction - TimeInterval(offset))
    }

    private static func parseTime(_ text: Substring, _ whole: String) throws(LakeError) -> (Int, Int, Int, Double) {
        var clock = text
        var fraction = 0.0
        if let dot = text.firstIndex(where: { $0 == "." || $0 == "," }) {
            let digits = text[text.index(after: dot)...]
            guard Digits.unsigned(digits.prefix(18)) != nil, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Double("0." + digits)
            else { throw bad(whole, "the fraction of a second must be digits") }
            fraction = value
            clock = text[..<dot]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
            let hour = Digits.unsigned(parts[0]), let minute = Digits.unsigned(parts[1])
        else { throw bad(whole, "the time must be HH:mm:ss") }
        let second = parts.count == 3 ? Digits.unsigned(parts[2]) : 0
        guard let second, hour < 24, minute < 60, second < 60 else {
            throw bad(whole, "the time is out of range (hours 00-23, minutes and seconds 00-59)")
        }
        guard parts.count == 3 || fraction == 0 else { throw bad(whole, "a fraction needs seconds") }
        return (hour, minute, second, fraction)
    }

    /// Seconds east of UTC.
    private static func parseOffset(_ text: Substring, _ whole: String) throws(LakeError) -> Int {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else {
            throw bad(whole, "the zone must be Z or an offset such as +02:00")
        }
        let body = text.dropFirst().replacingOccurrences(of: ":", with: "")
        let colonCount = text.filter { $0 == ":" }.count
        guard body.count == 2 || body.count == 4, colonCount <= 1,
            colonCount == 0 || text.dropFirst().firstIndex(of: ":") == text.index(text.startIndex, offsetBy: 3),
            let hours = Digits.unsigned(body.prefix(2)), let minutes = Digits.unsigned(body.count == 4 ? body.suffix(2) : "00")
        else { throw bad(whole, "the offset must be +HH:MM, +HHMM or +HH") }
        guard hours <= 18, minutes < 60 else { throw bad(whole, "the offset is out of range") }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    private static func bad(_ text: String, _ reason: String) -> LakeError {
        LakeError(
            .usage, "'\(text)' is not an ISO 8601 instant: \(reason)",
            hint: "write e.g. 2024-03-31T13:45:07Z or 2024-03-31T13:45:07+02:00", context: ["value": text])
    }
}
