import Foundation

/// Named points where tests make the process die, to prove crash recovery: when the
/// environment variable `SWIFTLAKE_CRASH_AT` names the point, the process exits at once with
/// status 86, like a `kill -9` at that moment (no cleanup, no buffered output flushed).
public enum FaultPoint {
    /// Dies here when `SWIFTLAKE_CRASH_AT` is `name`.
    public static func hit(_ name: String) {
        if ProcessInfo.processInfo.environment["SWIFTLAKE_CRASH_AT"] == name { _exit(86) }
    }
}
