import Dispatch
import Foundation
import Synchronization

/// Runs the writer's independent per-column jobs on a few threads at once ("lanes"), each lane
/// with a ``PageScratch`` of its own, so scratch memory grows with the lanes, not the columns.
///
/// Jobs are taken in the order given, each by whichever lane is free, so a caller lists the
/// heavy ones first. After a failure no further job starts; once the running ones end, the
/// failure of the earliest job that failed is thrown (every job before it has run).
final class ColumnLanes: @unchecked Sendable {
    /// One scratch per lane; lane 0's also serves work done on one thread.
    let scratches: [PageScratch]

    /// Lanes for a machine's cores: at most four, since a writer shares the cores with its
    /// parsers.
    static let defaultCount = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    init(count: Int = ColumnLanes.defaultCount) {
        scratches = (0..<max(1, count)).map { _ in PageScratch() }
    }

    var count: Int { scratches.count }

    /// Calls `job(index, scratch)` for each index in `0..<jobs`, side by side.
    func run(_ jobs: Int, _ job: (Int, PageScratch) throws -> Void) throws {
        let lanes = min(count, jobs)
        if lanes <= 1 {
            for i in 0..<jobs { try job(i, scratches[0]) }
            return
        }
        let shared = Shared()
        withoutActuallyEscaping(job) { job in
            let work = Work(job: job)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let scratch = scratches[lane]
                while true {
                    let i = shared.next.add(1, ordering: .relaxed).oldValue
                    guard i < jobs else { return }
                    do {
                        try work.job(i, scratch)
                    } catch {
                        shared.fail(i, error)
                        shared.next.store(jobs, ordering: .relaxed)
                    }
                }
            }
        }
        if let error = shared.firstError() { throw error }
    }

    /// The job counter and failures, shared by the lanes.
    private final class Shared: Sendable {
        let next = Atomic<Int>(0)
        private let failures = Mutex<[(Int, any Error)]>([])

        func fail(_ index: Int, _ error: any Error) {
            failures.withLock { $0.append((index, error)) }
        }

        func firstError() -> (any Error)? {
            failures.withLock { $0.min { $0.0 < $1.0 }?.1 }
        }
    }

    /// The caller's job, handed to the lanes; it only touches what its index names.
    private struct Work: @unchecked Sendable {
        let job: (Int, PageScratch) throws -> Void
    }
}
