import Foundation
import LakeCore
import LakeEngine

/// What `lake process --until-idle` reports.
public struct ProcessSummary: Sendable, Codable, Hashable {
    public var elapsedSeconds: Double
    /// Executions per status over the whole history.
    public var executions: [String: Int]
    /// Messages left in queues of INACTIVE pipelines, by queue.
    public var waitingInactive: [String: Int]
}

extension LakeRuntime {
    /// Takes back, at once, the message leases that processes on this host held when they died
    /// (embedded backend; on AWS, SQS visibility timeouts do it). Returns how many.
    public func reclaimOrphanedLeases() async throws -> Int {
        try requireWritable("reclaim leases")
        return try await backend.embedded?.queues.reclaimOrphanedLeases() ?? 0
    }

    /// Runs every service until the lake is idle (`lake process --until-idle`).
    public func processUntilIdle(timeout: Duration? = nil) async throws -> ProcessSummary {
        try requireWritable("process")
        _ = try await reclaimOrphanedLeases()
        let report = try await engine.runUntilIdle(timeout: timeout)
        return ProcessSummary(elapsedSeconds: report.elapsedSeconds, executions: try await executionCounts(), waitingInactive: report.waitingInactive)
    }

    /// Runs the lake's services until `stop` is requested (`lake run`), then lets running
    /// executions finish (up to `grace`) and returns the leases of anything unfinished.
    public func run(stop: StopSignal, grace: Duration = .seconds(30)) async throws {
        try requireWritable("run")
        await engine.run(stop: stop, grace: grace)
    }
}
