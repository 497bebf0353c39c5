import LakeCore

/// A stage-B job running as a task in this process.
public final class LocalJob: TransformJob {
    public let id: String
    private let task: Task<HeavyTransformResult, any Error>
    private let clock: any LakeClock
    private let stopReason = LockedValue<String?>(nil)

    public init(id: String, clock: any LakeClock, work: @escaping @Sendable () async throws -> HeavyTransformResult) {
        self.id = id
        self.clock = clock
        self.task = Task { try await work() }
    }

    public func wait(upTo: Duration) async -> JobState {
        let task = self.task
        let clock = self.clock
        let finished: Result<HeavyTransformResult, any Error>? = await withTaskGroup(of: Result<HeavyTransformResult, any Error>?.self) { group in
            group.addTask { await task.result }
            group.addTask {
                try? await clock.sleep(for: upTo)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let finished else { return .running }
        switch finished {
        case .success(let result): return .succeeded(result)
        case .failure(let error):
            if let reason = stopReason.value { return .stopped(reason) }
            if error is CancellationError { return .stopped("cancelled") }
            if let lake = error as? LakeError {
                return .failed(lake.message, details: lake.context)
            }
            return .failed(String(describing: error), details: [:])
        }
    }

    public func stop(reason: String) async {
        stopReason.set(reason)
        task.cancel()
    }
}
