/// A data-quality problem that stops a check: a rule that cannot be evaluated as written, or
/// input that cannot be read. Rule outcomes (FAIL, ERROR) are results, not errors.
public struct QualityError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public static func badRule(_ message: String, hint: String?) -> QualityError {
        QualityError(message: message, hint: hint)
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}
