import Foundation
import LakeCore

/// Lets a periodic step run once per interval (and at once when draining).
public final class IntervalGate: Sendable {
    private let last = LockedValue<Date?>(nil)
    let interval: Duration

    public init(_ interval: Duration) { self.interval = interval }

    /// True when the step should run now; records the run.
    public func due(now: Date, drain: Bool) -> Bool {
        last.update { last in
            if !drain, let previous = last, now.timeIntervalSince(previous) < interval.seconds { return false }
            last = now
            return true
        }
    }
}
