import Foundation
import LakeCore

/// Reads and moves the time an adapter sees. With a manual clock, advancing is instant; against
/// a real service (the AWS adapters and a moto server), it really sleeps.
public protocol TimeControl: Sendable {
    /// The adapter's current time.
    func now() -> Date
    /// Lets `duration` pass for the adapter.
    func advance(_ duration: Duration) async
}

/// Drives a ``ManualClock`` shared with the adapter: advancing is instant.
public struct ManualTimeControl: TimeControl {
    /// The clock the adapter was given.
    public let clock: ManualClock
    /// Wraps `clock`.
    public init(_ clock: ManualClock) { self.clock = clock }
    /// The clock's time.
    public func now() -> Date { clock.now() }
    /// Moves the clock forward.
    public func advance(_ duration: Duration) async { clock.advance(by: duration) }
}

/// Real time: advancing sleeps.
public struct RealTimeControl: TimeControl {
    /// Creates a real-time control.
    public init() {}
    /// The system time.
    public func now() -> Date { Date() }
    /// Sleeps for `duration` (returns early only when cancelled).
    public func advance(_ duration: Duration) async { try? await Task.sleep(for: duration) }
}

/// The durations time-dependent checks use. Keep them short against real services: every
/// check that waits for a lease to expire sleeps about `lease + slack`.
public struct ContractTiming: Sendable {
    /// Lease (visibility timeout) used by lease checks. Whole seconds suit SQS.
    public var lease: Duration
    /// A delay used by delay checks.
    public var delay: Duration
    /// Extra time waited past a deadline before expecting its effect.
    public var slack: Duration

    /// Creates timings; the defaults suit both a manual clock and a real service.
    public init(lease: Duration = .seconds(2), delay: Duration = .seconds(2), slack: Duration = .milliseconds(500)) {
        self.lease = lease
        self.delay = delay
        self.slack = slack
    }
}
