import Foundation

/// A clock the tests move by hand; it starts at 2026-01-01T00:00:00Z.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = start
    }

    /// The current time.
    func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    func advance(_ seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
