/// The functions a dynamic time expression may call (see ``TimeExpression``).
public enum TimeExpressionFunction: String, CaseIterable, Sendable {
    /// `NOW()`: the current wall-clock time.
    case now = "NOW"
    /// `TODAY(n)`: midnight, `n` days from today.
    case today = "TODAY"
    /// `FIRSTDAYOFOFFSETMONTH(n)`: midnight of the first day of the month `n` months from now.
    case firstDayOfOffsetMonth = "FIRSTDAYOFOFFSETMONTH"
    /// `LASTDAYOFOFFSETMONTH(n)`: midnight of the last day of the month `n` months from now.
    case lastDayOfOffsetMonth = "LASTDAYOFOFFSETMONTH"
    /// `FIFTEENTHDAYOFOFFSETMONTH(n)`: midnight of the 15th of the month `n` months from now.
    case fifteenthDayOfOffsetMonth = "FIFTEENTHDAYOFOFFSETMONTH"

    /// True for functions that take an offset argument.
    var takesOffset: Bool { self != .now }

    /// The largest offset (in days for `TODAY`, months for the others) accepted either way.
    var maximumOffset: Int { self == .today ? 36_600 : 1_200 }

    /// How the function is written in messages, e.g. `TODAY(n)`.
    var usage: String { takesOffset ? "\(rawValue)(n)" : "\(rawValue)()" }

    /// Every function's usage, for error messages.
    static var usageList: String { allCases.map(\.usage).joined(separator: ", ") }
}
