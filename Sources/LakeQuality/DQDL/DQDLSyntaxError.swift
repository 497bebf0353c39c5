/// Why a DQDL document could not be read: what was expected, where (1-based line and column of
/// the offending token), and optionally how to fix it.
public struct DQDLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition
    public var hint: String?

    public init(_ message: String, at position: SourcePosition, hint: String? = nil) {
        self.message = message
        self.position = position
        self.hint = hint
    }

    public init(message: String, position: SourcePosition, hint: String? = nil) {
        self.init(message, at: position, hint: hint)
    }

    /// `line 3, column 14: expected a column name ... (hint: ...)`.
    public var description: String {
        let text = "\(position): \(message)"
        guard let hint else { return text }
        return "\(text) (hint: \(hint))"
    }
}
