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
    /// A duration from fractional seconds, saturating at about ±292 years (NaN is zero), so no
    /// value read from input can trap.
    public static func seconds(_ value: Double) -> Duration {
        let nanos = (value * 1e9).rounded()
        guard nanos.isFinite else { return nanos.isNaN ? .zero : (nanos > 0 ? .nanoseconds(Int64.max) : .nanoseconds(Int64.min)) }
        guard nanos < 9.2e18, nanos > -9.2e18 else { return nanos > 0 ? .nanoseconds(Int64.max) : .nanoseconds(Int64.min) }
        return .nanoseconds(Int64(nanos))
    }
}

extension Date {
    /// `self` moved by `duration`.
    public func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.seconds) }
}
