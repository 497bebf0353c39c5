import Foundation
import LakeCore

/// Whether the worker running a stage-B execution still runs: its heartbeat is recent and, when
/// it ran on this host, its process still exists. Executions record their worker's
/// ``ProcessIdentity`` under ``detailKey``, so a restart after `kill -9` resumes the dead
/// worker's batches at once instead of waiting for their heartbeat to go stale.
enum WorkerLiveness {
    /// The execution detail that names the worker's process (`host|pid|start`).
    static let detailKey = "worker"

    /// True while the execution's worker may still be working on it.
    static func isLive(_ record: ExecutionRecord, staleBefore: Date) -> Bool {
        guard record.updatedAt >= staleBefore else { return false }
        return !workerIsGone(record)
    }

    /// True when the execution's worker ran on this host and its process no longer runs.
    static func workerIsGone(_ record: ExecutionRecord) -> Bool {
        guard let text = record.details[detailKey], let worker = ProcessIdentity(parsing: text) else { return false }
        return worker.isDeadOnThisHost
    }

    /// How long a message of a live execution waits before it is looked at again: until just
    /// after the heartbeat would go stale, at least a second.
    static func recheckDelay(heartbeat: Date, staleBefore: Date) -> Duration {
        let seconds = heartbeat.timeIntervalSince(staleBefore) + 1
        return .milliseconds(Int64(max(1, seconds) * 1000))
    }
}
