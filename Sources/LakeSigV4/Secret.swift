/// A value that must never be printed: a secret access key or a session token.
///
/// Its `description`, `debugDescription` and reflection are redacted, so string interpolation,
/// `print`, `dump` and error messages cannot leak it. Read the value only where it is used, with
/// ``reveal()``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) { self.value = value }

    /// The secret itself. Call it only to sign or to send; never to log.
    public func reveal() -> String { value }

    /// True when the wrapped value is empty.
    public var isEmpty: Bool { value.isEmpty }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `Secret(<redacted>)`.
    public var debugDescription: String { "Secret(<redacted>)" }
    /// A mirror without children, so `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
