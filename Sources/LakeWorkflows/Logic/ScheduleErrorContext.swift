import LakeCore

/// The schedule text being parsed, so every parse error names the whole expression.
struct ScheduleErrorContext: Sendable {
    var text: String

    /// A `.usage` error saying `reason` about the expression.
    func error(_ reason: String) -> LakeError {
        LakeError(
            .usage, "bad schedule expression '\(text)': \(reason)",
            hint: "use cron(minutes hours day-of-month month day-of-week year), rate(n minutes|hours|days) or custom(H * *|D * h|W d h|M d h)",
            context: ["schedule": text])
    }
}
