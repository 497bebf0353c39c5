import Foundation
import LakeCore

/// One parsed time-expression call: the function and its offset.
struct TimeExpressionCall: Equatable, Sendable {
    var function: TimeExpressionFunction
    var offset: Int

    /// The call `text` makes, nil when `text` is not a time expression at all, or a `.usage`
    /// error when it looks like one but is malformed.
    ///
    /// A value "looks like" a call when it starts with a known function name followed by `(`, or
    /// when it is `NAME(…)` as a whole (a name, then directly a parenthesis, closed at the end).
    static func parse(_ text: String) throws(LakeError) -> TimeExpressionCall? {
        let trimmed = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        let name = trimmed.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = name.first, first.isLetter else { return nil }
        let rest = trimmed[name.endIndex...]
        guard let function = TimeExpressionFunction(rawValue: name.uppercased()) else {
            guard rest.first == "(", trimmed.last == ")" else { return nil }
            throw LakeError(
                .usage, "'\(text)' is not a time expression: unknown function \(name)",
                hint: "use one of \(TimeExpressionFunction.usageList)", context: ["expression": text])
        }
        let call = rest.drop { $0 == " " }
        guard call.first == "(" else { return nil }
        guard let close = call.firstIndex(of: ")") else {
            throw malformed(text, function, "a closing parenthesis is missing")
        }
        guard call.index(after: close) == call.endIndex else {
            throw malformed(text, function, "nothing may follow the closing parenthesis")
        }
        let argument = call.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        if argument.isEmpty { return TimeExpressionCall(function: function, offset: 0) }
        guard function.takesOffset else {
            throw malformed(text, function, "\(function.rawValue)() takes no argument")
        }
        guard let offset = parseOffset(argument) else {
            throw malformed(text, function, "the offset must be a whole number of \(unit(function))")
        }
        guard offset.magnitude <= function.maximumOffset else {
            throw malformed(text, function, "the offset must be between -\(function.maximumOffset) and \(function.maximumOffset)")
        }
        return TimeExpressionCall(function: function, offset: offset)
    }

    /// The expression's value at `now` in `timeZone`, nil when the date cannot be represented.
    func evaluate(now: Date, timeZone: TimeZone) -> String? {
        let today = LocalTimestamp.civilDate(of: now, in: timeZone)
        let day: CivilDate
        switch function {
        case .now:
            return LocalTimestamp.format(now, in: timeZone)
        case .today:
            day = today.adding(days: offset)
        case .firstDayOfOffsetMonth:
            day = today.firstOfMonth(addingMonths: offset)
        case .lastDayOfOffsetMonth:
            var first = today.firstOfMonth(addingMonths: offset)
            first.day = first.daysInMonth
            day = first
        case .fifteenthDayOfOffsetMonth:
            var first = today.firstOfMonth(addingMonths: offset)
            first.day = 15
            day = first
        }
        guard (1...9999).contains(day.year) else { return nil }
        return LocalTimestamp.startOfDayText(day, in: timeZone)
    }

    /// `+3`, `-1`, `12` (optional sign, then digits, optional spaces after the sign).
    private static func parseOffset(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst().drop { $0 == " " }
        }
        guard let value = Digits.unsigned(body) else { return nil }
        return negative ? -value : value
    }

    private static func unit(_ function: TimeExpressionFunction) -> String {
        function == .today ? "days, e.g. TODAY(-1)" : "months, e.g. \(function.rawValue)(-1)"
    }

    private static func malformed(_ text: String, _ function: TimeExpressionFunction, _ reason: String) -> LakeError {
        LakeError(
            .usage, "'\(text)' is not a valid time expression: \(reason)",
            hint: "write \(function.usage); the functions are \(TimeExpressionFunction.usageList)",
            context: ["expression": text])
    }
}
