import LakeCore

/// How one field of an AWS EventBridge cron expression is read: its name, its range of values,
/// the names it accepts (`JAN`, `MON`) and whether ranges may wrap around (`FRI-MON`).
struct CronField: Sendable {
    var name: String
    var range: ClosedRange<Int>
    var names: [String: Int] = [:]
    var wraps = true

    static let minutes = CronField(name: "minutes", range: 0...59)
    static let hours = CronField(name: "hours", range: 0...23)
    static let dayOfMonth = CronField(name: "day-of-month", range: 1...31)
    static let month = CronField(
        name: "month", range: 1...12,
        names: Dictionary(uniqueKeysWithValues: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"].enumerated().map { ($1, $0 + 1) }))
    static let dayOfWeek = CronField(
        name: "day-of-week", range: 1...7,
        names: Dictionary(uniqueKeysWithValues: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"].enumerated().map { ($1, $0 + 1) }))
    static let year = CronField(name: "year", range: 1970...2199, wraps: false)

    /// The values a comma-separated list of `*`, `n`, `a-b`, `*/n`, `a/n` and `a-b/n` items allows.
    /// `context` describes the whole expression for error messages.
    func values(_ text: String, _ context: ScheduleErrorContext) throws(LakeError) -> Set<Int> {
        var result = Set<Int>()
        for item in try items(text, context) {
            result.formUnion(try values(ofItem: item, context))
        }
        return result
    }

    /// The comma-separated items of `text`, uppercased; an error for an empty item.
    func items(_ text: String, _ context: ScheduleErrorContext) throws(LakeError) -> [String] {
        let items = text.uppercased().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !items.contains(where: \.isEmpty) else {
            throw context.error("the \(name) field '\(text)' has an empty list item")
        }
        return items
    }

    /// The values one list item allows.
    func values(ofItem item: String, _ context: ScheduleErrorContext) throws(LakeError) -> [Int] {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw context.error("the \(name) field item '\(item)' has more than one '/'") }
        var step = 1
        if parts.count == 2 {
            guard let value = Digits.unsigned(parts[1]), value >= 1 else {
                throw context.error("the step in the \(name) field item '\(item)' must be a whole number of at least 1")
            }
            step = value
        }
        let base = parts[0]
        let start: Int
        let end: Int
        if base == "*" {
            (start, end) = (range.lowerBound, range.upperBound)
        } else if let dash = base.firstIndex(of: "-") {
            start = try value(base[..<dash], item, context)
            end = try value(base[base.index(after: dash)...], item, context)
        } else {
            start = try value(base, item, context)
            end = parts.count == 2 ? range.upperBound : start
        }
        return try sequence(from: start, to: end, step: step, item, context)
    }

    /// One value: a number or a name, within the field's range.
    func value<S: StringProtocol>(_ text: S, _ item: String, _ context: ScheduleErrorContext) throws(LakeError) -> Int {
        guard let value = names[String(text)] ?? Digits.unsigned(text) else {
            let expected = names.isEmpty ? "a number" : "a number or a name such as \(names.sorted { $0.value < $1.value }.first?.key ?? "")"
            throw context.error("'\(text)' in the \(name) field item '\(item)' is not \(expected)")
        }
        guard range.contains(value) else {
            throw context.error("\(value) in the \(name) field item '\(item)' is out of range \(range.lowerBound)-\(range.upperBound)")
        }
        return value
    }

    private func sequence(from start: Int, to end: Int, step: Int, _ item: String, _ context: ScheduleErrorContext) throws(LakeError) -> [Int] {
        if start <= end { return Array(stride(from: start, through: end, by: step)) }
        guard wraps else {
            throw context.error("the \(name) range '\(item)' runs backwards (\(start) is after \(end))")
        }
        // A range that wraps around, e.g. FRI-MON or 22-2.
        let span = range.upperBound - range.lowerBound + 1
        let length = (end - start + span) % span
        return stride(from: 0, through: length, by: step).map { offset in
            let value = start + offset
            return value > range.upperBound ? value - span : value
        }
    }
}
