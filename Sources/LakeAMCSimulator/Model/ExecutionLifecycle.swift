import Foundation

/// How executions move: PENDING for ``pendingSeconds``, then RUNNING for ``runningSeconds``, then
/// SUCCEEDED or FAILED; a rejected one goes from PENDING to REJECTED without running; a cancelled
/// one is CANCELLED from its cancellation on. Computed from the clock whenever asked, so no
/// timers run. At its creation instant an execution is always PENDING.
struct ExecutionLifecycle: Sendable, Hashable {
    var pendingSeconds: Double
    var runningSeconds: Double

    /// The phase of `execution` at `now`.
    func phase(of execution: SimulatedExecution, at now: Date) -> ExecutionPhase {
        if let cancelled = execution.cancelledAt, cancelled <= now {
            return ExecutionPhase(status: .cancelled, since: cancelled, reason: "Cancelled by request")
        }
        let created = execution.createTime
        let elapsed = now.timeIntervalSince(created)
        if elapsed <= 0 || elapsed < pendingSeconds {
            return ExecutionPhase(status: .pending, since: created)
        }
        let started = created.addingTimeInterval(pendingSeconds)
        if case .reject(let reason) = execution.outcome {
            return ExecutionPhase(status: .rejected, since: started, reason: reason)
        }
        if elapsed < pendingSeconds + runningSeconds {
            return ExecutionPhase(status: .running, since: started)
        }
        let ended = started.addingTimeInterval(runningSeconds)
        if case .fail(let reason) = execution.outcome {
            return ExecutionPhase(status: .failed, since: ended, reason: reason)
        }
        return ExecutionPhase(status: .succeeded, since: ended)
    }
}
