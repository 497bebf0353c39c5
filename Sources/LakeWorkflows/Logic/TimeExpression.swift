import Foundation
import LakeCore

/// Dynamic time expressions, resolved when a workflow execution is queued: `NOW()`, `TODAY(n)`,
/// `FIRSTDAYOFOFFSETMONTH(n)`, `LASTDAYOFOFFSETMONTH(n)` and `FIFTEENTHDAYOFOFFSETMONTH(n)`.
///
/// An expression is the whole value (surrounding spaces ignored), case-insensitive, with optional
/// spaces and a `+` or `-` sign inside the parentheses (`today( +3 )`). It resolves to
/// `yyyy-MM-dd'T'HH:mm:ss` wall-clock time in the execution's time zone (UTC when it has none);
/// the day functions give the day's first instant (midnight, or 01:00 on a day whose midnight a
/// daylight-saving change skips). Month offsets count calendar months, not days.
public enum TimeExpression {
    /// Resolves `text` if it is a time expression, or returns it unchanged if it is not one.
    ///
    /// Throws a `.usage` error for a value that looks like a call but is not a valid expression:
    /// an unknown function (`YESTERDAY()`), a bad offset (`TODAY(x)`, `TODAY(1.5)`), a missing
    /// parenthesis (`TODAY(`) or an offset too large.
    public static func resolve(_ text: String, now: Date, timeZone: TimeZone) throws(LakeError) -> String {
        guard let call = try TimeExpressionCall.parse(text) else { return text }
        guard let result = call.evaluate(now: now, timeZone: timeZone) else {
            throw LakeError(
                .usage, "time expression '\(text)' gives a date outside the supported range",
                hint: "use a smaller offset", context: ["expression": text])
        }
        return result
    }

    /// The time zone named `name` (an IANA name such as `America/New_York`); UTC when `name` is
    /// nil or empty. Throws a `.usage` error for a name the system does not know.
    public static func parseTimeZone(_ name: String?) throws(LakeError) -> TimeZone {
        let trimmed = (name ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return LocalTimestamp.utc }
        guard let zone = TimeZone(identifier: trimmed) else {
            throw LakeError(
                .usage, "unknown time zone '\(trimmed)'",
                hint: "use an IANA time zone name such as UTC, America/New_York or Europe/Berlin",
                context: ["timeWindowTimeZone": trimmed])
        }
        return zone
    }
}
