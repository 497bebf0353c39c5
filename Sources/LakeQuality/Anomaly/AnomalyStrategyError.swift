/// A strategy that cannot be built: bad parameters, an unknown strategy or option name, or an
/// option value that does not parse.
public struct AnomalyStrategyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// How to put it right.
    public var hint: String

    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.isEmpty ? message : "\(message) (hint: \(hint))"
    }
}
