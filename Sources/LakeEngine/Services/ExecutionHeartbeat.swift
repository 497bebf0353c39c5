import Foundation
import LakeCore

/// Keeps a running execution's `updatedAt` fresh while the execution works on something that
/// is not a job poll (storing outputs, crawling, quality checks), so its concurrency slot is
/// never taken as stale from a live worker however long those steps take under load. It saves
/// a copy of the record as it was when started, so ``stop()`` must be awaited before the
/// execution saves its own record again.
struct ExecutionHeartbeat: Sendable {
    private let task: Task<Void, Never>

    /// Starts beating every third of the stale-after period.
    static func start(_ record: ExecutionRecord, env: LakeEnvironment) -> ExecutionHeartbeat {
        let interval = env.tuning.staleAfter / 3
        let task = Task {
            var copy = record
            while !Task.isCancelled {
                do { try await env.clock.sleep(for: interval) } catch { return }
                guard !Task.isCancelled else { return }
                copy.updatedAt = env.clock.now()
                try? await env.metadata.saveExecution(copy)
            }
        }
        return ExecutionHeartbeat(task: task)
    }

    /// Stops beating; returns once no beat is being written.
    func stop() async {
        task.cancel()
        await task.value
    }
}
