import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Waits until a message may be ready on some queue, or `timeout` (of the injected clock)
    /// passes.
    ///
    /// Wakes on a send by this instance at once, and on a send by any other instance or process
    /// within about 50 ms: one polling loop per instance reads the database's send counter while
    /// anyone waits, however many callers wait. Returns at once when a send happened after this
    /// instance's last empty receive or finished wait (see ``QueueActivity``). Lease expiries
    /// and delays ending do not wake it: pass a timeout no longer than the latency you accept.
    public func awaitActivity(timeout: Duration) async {
        if activity.hasActivity {
            activity.markIdle()
            return
        }
        if activity.beginWaiting() {
            Task { [weak self] in await self?.pollSendCounter() }
        }
        let activity = self.activity
        let clock = self.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await activity.wait() }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        activity.endWaiting()
        activity.markIdle()
    }

    public func activityMark() -> QueueActivityMark { activity.mark }

    /// Waits until something was sent after `mark` (this caller's own view, so another
    /// caller's wait or empty receive never hides it), or `timeout` passes.
    public func awaitActivity(after mark: QueueActivityMark, timeout: Duration) async {
        if activity.changed(since: mark) { return }
        if activity.beginWaiting() {
            Task { [weak self] in await self?.pollSendCounter() }
        }
        let activity = self.activity
        let clock = self.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await activity.wait(since: mark) }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        activity.endWaiting()
    }

    /// How many send transactions the database has seen, from every process.
    func sendCounter() async throws -> Int64 {
        try await store.read("read queue activity") { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT sends FROM activity WHERE id = 1")) ?? 0
        }
    }

    /// The instance's one polling loop: reads the send counter every 50 ms while anyone waits.
    private func pollSendCounter() async {
        if let now = try? await sendCounter() { activity.observe(sends: now) }
        while true {
            do {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                _ = activity.releasePollingIfIdle()
                return
            }
            if let now = try? await sendCounter() { activity.observe(sends: now) }
            if activity.releasePollingIfIdle() { return }
        }
    }
}
