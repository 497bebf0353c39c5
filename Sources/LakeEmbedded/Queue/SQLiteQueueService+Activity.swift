import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Waits until a message may be ready on some queue, or `timeout` (of the injected clock)
    /// passes.
    ///
    /// Wakes on a send by this instance at once, and on a send by any other instance or process
    /// within about 50 ms (it polls the database's send counter). Returns at once when a send
    /// happened after this instance's last receive that found nothing, or after its last wait
    /// returned, so a send between a caller's check and its wait is never slept through (and a
    /// caller that waits without receiving does not spin). Lease expiries and delays ending do
    /// not wake it: pass a timeout no longer than the latency you accept.
    public func awaitActivity(timeout: Duration) async {
        guard let current = try? await sendCounter() else {
            try? await clock.sleep(for: timeout)
            return
        }
        let baseline = activity.idleMark ?? current
        if current != baseline {
            activity.markIdle(sends: current)
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.activity.wait() }
            group.addTask { try? await self.clock.sleep(for: timeout) }
            group.addTask { await self.pollSendCounter(until: baseline) }
            await group.next()
            group.cancelAll()
        }
        if let seen = try? await sendCounter() { activity.markIdle(sends: seen) }
    }

    /// How many send transactions the database has seen, from every process.
    func sendCounter() async throws -> Int64 {
        try await store.read("read queue activity") { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT sends FROM activity WHERE id = 1")) ?? 0
        }
    }

    /// Returns when the send counter differs from `baseline`, or on cancellation.
    private func pollSendCounter(until baseline: Int64) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                return
            }
            if let now = try? await sendCounter(), now != baseline { return }
        }
    }
}
