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
    var hasActivity: Bool {
        state.withLock { s in
            if s.localSends != s.idleLocal { return true }
            if let polled = s.polled, let mark = s.idlePolled { return polled != mark }
            return false
        }
    }

    /// True when the caller should start the polling loop (none runs yet).
    func claimPolling() -> Bool {
        state.withLock { s in
            if s.polling { return false }
            s.polling = true
            return true
        }
    }

    /// Called by the polling loop: true (and the loop must end) when nobody waits any more.
    func releasePollingIfIdle() -> Bool {
        state.withLock { s in
            guard s.waiters.isEmpty else { return false }
            s.polling = false
            return true
        }
    }

    /// Suspends until ``signal()``, an observed change, or cancellation.
    func wait() async {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled { return true }
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
