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

    /// What a caller found: an answer young enough, or the computation to wait for.
    private enum Found {
        case fresh(StatusView)
        case computing(Task<StatusView, any Error>)
    }

    /// The cached answer when younger than `maxAge`, else the one being computed, else a new one
    /// from `compute`.
    func value(maxAge: Duration, compute: @escaping @Sendable () async throws -> StatusView) async throws -> StatusView {
        let now = ContinuousClock.now
        let found: Found = state.withLock { state in
            if let value = state.value, let at = state.at, now - at < maxAge { return .fresh(value) }
            if let running = state.running { return .computing(running) }
            let running = Task { try await compute() }
            state.running = running
            return .computing(running)
        }
        let task: Task<StatusView, any Error>
        switch found {
        case .fresh(let value): return value
        case .computing(let running): task = running
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
