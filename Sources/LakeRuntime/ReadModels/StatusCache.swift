import Foundation
import Synchronization

/// Shares one `status()` answer between callers for a short while: many clients polling the
/// HTTP API's status (dashboards, monitors, 8 `wrk` connections) cost one computation per
/// `maxAge` instead of one each, and callers arriving while it runs wait for it.
final class StatusCache: Sendable {
    private struct State {
        var value: StatusView?
        var at: ContinuousClock.Instant?
        var running: Task<StatusView, any Error>?
    }

    private let state = Mutex(State())

    /// The cached answer when younger than `maxAge`, else the one being computed, else a new one
    /// from `compute`.
    func value(maxAge: Duration, compute: @escaping @Sendable () async throws -> StatusView) async throws -> StatusView {
        let now = ContinuousClock.now
        let task: Task<StatusView, any Error> = state.withLock { state in
            if let value = state.value, let at = state.at, now - at < maxAge { return Task { value } }
            if let running = state.running { return running }
            let running = Task { try await compute() }
            state.running = running
            return running
        }
        do {
            let value = try await task.value
            state.withLock { state in
                if state.running == task {
                    state.value = value
                    state.at = ContinuousClock.now
                    state.running = nil
                }
            }
            return value
        } catch {
            state.withLock { state in if state.running == task { state.running = nil } }
            throw error
        }
    }
}
