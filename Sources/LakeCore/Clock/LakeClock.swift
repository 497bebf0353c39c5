import Foundation

/// The time source every schedule, TTL, lease, aging rule and time window reads. Nothing in the
/// engine calls `Date()` directly, so tests drive time with ``ManualClock``.
public protocol LakeClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration` of this clock's time. Throws `CancellationError` when cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: LakeClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
    /// A duration from fractional seconds.
    public static func seconds(_ value: Double) -> Duration {
        .nanoseconds(Int64((value * 1e9).rounded()))
    }
}

extension Date {
    /// `self` moved by `duration`.
    public func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.seconds) }
}
