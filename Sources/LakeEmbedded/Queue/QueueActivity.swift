import LakeCore
import Synchronization

/// In-process wake-ups for ``SQLiteQueueService/awaitActivity(timeout:)``, and the memory of
/// what a waiter has already seen.
///
/// Two counters tell whether something may have arrived: `localSends` (sends by this
/// instance, bumped by ``signal()``) and `polled` (the database's send counter, shared by
/// every process, as last read by the one polling loop of this instance). An empty receive or
/// a finished wait records both as the idle mark; a wait returns at once while either differs
/// from the mark, so a send between a caller's empty receive and its wait is never slept
/// through, and a caller that waits without receiving does not spin.
final class QueueActivity: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var localSends: UInt64 = 0
        var polled: Int64?
        var idleLocal: UInt64 = 0
        var idlePolled: Int64?
        var polling = false
        /// Callers inside ``SQLiteQueueService/awaitActivity(timeout:)``: the poller runs while
        /// this is above zero (counted before a caller registers its continuation, so the
        /// poller never stops between a caller's start and its wait).
        var waiting = 0

        /// A send happened since the idle mark (by this instance, or seen by the poller).
        var changedSinceMark: Bool {
            if localSends != idleLocal { return true }
            if let polled, let idlePolled { return polled != idlePolled }
            return false
        }

        /// A send happened after a caller's own mark.
        func changed(since mark: QueueActivityMark) -> Bool {
            if localSends != mark.localSends { return true }
            if let polled, let seen = mark.sharedSends { return polled != seen }
            return false
        }

        mutating func takeWaiters() -> [CheckedContinuation<Void, Never>] {
            let all = Array(waiters.values)
            waiters.removeAll()
            return all
        }
    }
    private let state = Mutex(State())

    /// A send by this instance: wakes every waiter.
    func signal() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.localSends &+= 1
            return s.takeWaiters()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The polling loop read the database's send counter; a change (a send by another
    /// instance or process) wakes every waiter.
    func observe(sends: Int64) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.polled = sends }
            guard let before = s.polled, before != sends else { return [] }
            return s.takeWaiters()
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Records what an empty receive (with the database counter it read) or a finished wait saw.
    func markIdle(sends: Int64? = nil) {
        state.withLock { s in
            s.idleLocal = s.localSends
            s.idlePolled = sends ?? s.polled
            if let sends, s.polled == nil { s.polled = sends }
        }
    }

    /// True when a send happened since the idle mark.
    var hasActivity: Bool { state.withLock { $0.changedSinceMark } }

    /// What has been seen so far, for a caller that keeps its own mark.
    var mark: QueueActivityMark { state.withLock { QueueActivityMark(localSends: $0.localSends, sharedSends: $0.polled) } }

    /// True when a send happened after `mark` was taken.
    func changed(since mark: QueueActivityMark) -> Bool {
        state.withLock { $0.changed(since: mark) }
    }

    /// A caller starts waiting; true when it must start the polling loop (none runs yet).
    func beginWaiting() -> Bool {
        state.withLock { s in
            s.waiting += 1
            if s.polling { return false }
            s.polling = true
            return true
        }
    }

    /// A caller's wait ended.
    func endWaiting() {
        state.withLock { $0.waiting -= 1 }
    }

    /// Called by the polling loop: true (and the loop must end) when nobody waits any more.
    func releasePollingIfIdle() -> Bool {
        state.withLock { s in
            guard s.waiting == 0 else { return false }
            s.polling = false
            return true
        }
    }

    /// Suspends until ``signal()``, an observed change, or cancellation. Returns at once when a
    /// change came after `mark` (the caller's own) or else the idle mark, but before this wait began (no wake-up is lost between
    /// a caller's check and its wait).
    func wait(since mark: QueueActivityMark? = nil) async {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled || (mark.map { s.changed(since: $0) } ?? s.changedSinceMark) { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
