import Synchronization

/// In-process wake-ups for ``SQLiteQueueService/awaitActivity(timeout:)``.
///
/// Sends resume every waiter. It also remembers the database's send counter as it was when a
/// receive last came back empty, so a wait that starts after a send the receiver has not seen
/// yet returns at once instead of sleeping through it.
final class QueueActivity: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// The send counter read by the last empty receive or finished wait.
        var idleMark: Int64?
    }
    private let state = Mutex(State())

    /// Wakes every waiter.
    func signal() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            let all = Array(s.waiters.values)
            s.waiters.removeAll()
            return all
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Records the send counter as seen by a receive that found nothing or a wait that ended.
    func markIdle(sends: Int64) {
        state.withLock { $0.idleMark = sends }
    }

    /// The send counter seen by the last empty receive, if any.
    var idleMark: Int64? { state.withLock { $0.idleMark } }

    /// Suspends until ``signal()`` or cancellation.
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
