import LakeCore

/// Stage-B executions running in this process, so the runtime knows when work is still going
/// and can wait for it at shutdown.
public actor ExecutionTracker {
    private var running: [String: Task<Void, Never>] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    public var activeCount: Int { running.count }

    /// Runs `work` as a tracked task.
    public func spawn(_ id: String, _ work: @escaping @Sendable () async -> Void) {
        running[id] = Task {
            await work()
            self.finish(id)
        }
    }

    private func finish(_ id: String) {
        running[id] = nil
        let ready = waiters
        waiters.removeAll()
        for w in ready { w.resume() }
    }

    /// Returns when any tracked execution finishes (immediately when none runs).
    public func waitForChange() async {
        if running.isEmpty { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Waits until every tracked execution has finished.
    public func waitAll() async {
        while !running.isEmpty { await waitForChange() }
    }
}
