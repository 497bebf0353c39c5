import Foundation
import LakeCore

/// Reads every queue's depth on an interval and records it as `swiftlake_queue_*` gauges; one
/// of `lake run`'s services. It never counts as work, so it does not keep a drain going.
public struct QueueDepthSampler: LakeService {
    public let name = "queue-depth"
    let env: LakeEnvironment
    let topology: Topology
    let interval: Duration
    let last = LockedValue<Date?>(nil)

    public init(env: LakeEnvironment, topology: Topology, interval: Duration = .seconds(10)) {
        self.env = env
        self.topology = topology
        self.interval = interval
    }

    public func step(drain: Bool) async throws -> Bool {
        let now = env.clock.now()
        if let previous = last.value, now.timeIntervalSince(previous) < interval.seconds { return false }
        last.set(now)
        try await sample()
        return false
    }

    /// Reads and records every queue's counts now.
    public func sample() async throws {
        for (queue, options) in topology.queueSpecs(tuning: env.tuning) where options.deadLetterQueue != nil {
            let counts = try await env.queues.counts(queue)
            var dead = 0
            if let dlq = options.deadLetterQueue { dead = try await env.queues.counts(dlq).total }
            LakeMetrics.queueDepth(queue.rawValue, counts: counts, deadLetter: dead)
        }
    }
}
