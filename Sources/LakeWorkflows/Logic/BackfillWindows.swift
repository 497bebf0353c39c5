import LakeCore

/// The kind of windows a backfill is cut into.
public enum BackfillWindowKind: String, Hashable, Sendable, CaseIterable {
    /// Consecutive windows, each starting where the previous one ends.
    case tumbling
    /// Windows of the same width, each starting one day after the previous one.
    case sliding

    /// The kind named `text` (case-insensitive); a `.usage` error for anything else.
    public static func parse(_ text: String) throws(LakeError) -> BackfillWindowKind {
        guard let kind = BackfillWindowKind(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw LakeError(
                .usage, "unknown window type '\(text)'", hint: "use tumbling or sliding", context: ["windowType": text])
        }
        return kind
    }
}

/// One backfill window: `yyyy-MM-dd'T'HH:mm:ss` start and end (midnights), end exclusive.
public struct BackfillWindow: Hashable, Sendable {
    /// The window's first instant, e.g. `2022-01-01T00:00:00`.
    public var start: String
    /// The window's end, e.g. `2022-01-08T00:00:00`.
    public var end: String

    /// A window from `start` to `end`.
    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }
}

/// Cuts a date range into the time windows of a backfill (whole days only).
public enum BackfillWindows {
    /// The most windows one backfill may produce.
    public static let maximumWindows = 10_000

    /// The windows of `days` days between the days `from` and `to` (`yyyy-MM-dd`, `from` before `to`).
    ///
    /// - Tumbling: consecutive windows sharing their ends; `days` must divide the range, and the
    ///   error for one it does not divide names the nearest end dates that fit.
    /// - Sliding: windows `days` wide, one day apart, the last one ending on `to`; none when the
    ///   range is shorter than `days`.
    ///
    /// Bad arguments throw `.usage` errors.
    public static func make(from: String, to: String, days: Int, kind: BackfillWindowKind) throws(LakeError) -> [BackfillWindow] {
        let start = try parseDay(from, "from")
        let end = try parseDay(to, "to")
        guard start < end else {
            throw LakeError(
                .usage, "the backfill start \(from) must be before its end \(to)",
                hint: "swap the dates or pick a later end", context: ["from": from, "to": to])
        }
        guard days >= 1 else {
            throw LakeError(
                .usage, "a backfill window must be at least 1 day wide, not \(days)",
                hint: "pass a positive number of days", context: ["days": String(days)])
        }
        let first = start.daysSinceEpoch
        let span = end.daysSinceEpoch - first
        let starts: StrideThrough<Int>
        switch kind {
        case .tumbling:
            guard span % days == 0 else { throw notDivisible(start, end, span: span, days: days) }
            starts = stride(from: 0, through: span - days, by: days)
        case .sliding:
            starts = stride(from: 0, through: span - days, by: 1)
        }
        let count = span < days ? 0 : (kind == .tumbling ? span / days : span - days + 1)
        guard count <= maximumWindows else {
            throw LakeError(
                .usage, "the backfill from \(from) to \(to) would make \(count) windows, more than \(maximumWindows)",
                hint: "split it into smaller ranges or use wider windows", context: ["from": from, "to": to])
        }
        return starts.map { offset in
            BackfillWindow(
                start: LocalTimestamp.format(CivilDate(daysSinceEpoch: first + offset)),
                end: LocalTimestamp.format(CivilDate(daysSinceEpoch: first + offset + days)))
        }
    }

    private static func parseDay(_ text: String, _ name: String) throws(LakeError) -> CivilDate {
        guard let day = LocalTimestamp.parseDay(text) else {
            throw LakeError(
                .usage, "the backfill \(name) date '\(text)' is not a yyyy-MM-dd date",
                hint: "write a real date such as 2022-01-01", context: [name: text])
        }
        return day
    }

    private static func notDivisible(_ start: CivilDate, _ end: CivilDate, span: Int, days: Int) -> LakeError {
        let below = span / days * days
        let above = below + days
        var fits: [String] = []
        if below > 0 { fits.append("\(start.adding(days: below).text) (\(below / days) windows)") }
        fits.append("\(start.adding(days: above).text) (\(above / days) window\(above == days ? "" : "s"))")
        return LakeError(
            .usage,
            "\(span) days from \(start.text) to \(end.text) is not a whole number of \(days)-day tumbling windows; end on \(fits.joined(separator: " or ")) instead",
            hint: "pick an end date that fits, or use sliding windows",
            context: ["from": start.text, "to": end.text, "days": String(days)])
    }
}
