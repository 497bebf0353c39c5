import LakeCore

/// Every problem found while loading or validating a lake.yaml. Loading never stops at the first
/// problem: fix them all, then load again.
public struct ConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, ordered by position in the file (those without a position last).
    public var issues: [ConfigIssue]
    /// The file name used in messages, e.g. `lake.yaml`.
    public var file: String

    /// Creates the error; issues are sorted by line and column, keeping the order of equal ones.
    public init(issues: [ConfigIssue], file: String = "lake.yaml") {
        self.issues = issues.enumerated().sorted { a, b in
            let left = (a.element.line ?? Int.max, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
        self.file = file
    }

    /// One problem per line: `lake.yaml:14:5: datasets.legislators.pipeline: ...`.
    public var description: String {
        issues.map { $0.formatted(file: file) }.joined(separator: "\n")
    }

    /// The same problems as one ``LakeError`` with code `.invalidConfig`, for callers that handle
    /// a single error type. The message lists every problem, one per line.
    public var lakeError: LakeError {
        let message: String
        if issues.count == 1 {
            message = description
        } else {
            message = "\(issues.count) problems in \(file):\n" + issues.map { "  " + $0.formatted(file: file) }.joined(separator: "\n")
        }
        return LakeError(
            .invalidConfig, message,
            hint: "fix the problems above, then check again with `lake config validate`",
            context: ["file": file])
    }
}
