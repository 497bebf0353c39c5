import Foundation

/// A signing instant in SigV4's two textual forms: `20150830T123600Z` and `20150830`.
///
/// Formatted by hand from the Unix time (proleptic Gregorian, UTC) so signing never touches a
/// shared `DateFormatter`.
public struct AWSTimestamp: Sendable, Hashable {
    /// `yyyyMMdd'T'HHmmss'Z'`, the `X-Amz-Date` value.
    public let amzDate: String
    /// `yyyyMMdd`, the date of the credential scope.
    public let dateStamp: String

    /// The timestamp of `date`, truncated to the second.
    public init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = AWSTimestamp.civil(fromDays: days)
        let stamp = AWSTimestamp.pad(year, 4) + AWSTimestamp.pad(month, 2) + AWSTimestamp.pad(day, 2)
        let time = AWSTimestamp.pad(secondOfDay / 3600, 2) + AWSTimestamp.pad(secondOfDay % 3600 / 60, 2)
            + AWSTimestamp.pad(secondOfDay % 60, 2)
        dateStamp = stamp
        amzDate = stamp + "T" + time + "Z"
    }

    /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's civil-from-days).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
