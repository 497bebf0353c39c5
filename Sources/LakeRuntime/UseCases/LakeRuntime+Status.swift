import Foundation
import LakeCore
import LakeEngine

extension LakeRuntime {
    /// Queue depths (each queue with its dead-letter count; the WFM tenants' request queues after
    /// the pipeline's) and execution counts per status.
    /// Queues the lake has not created yet (a dataset added to lake.yaml since) count as empty.
    /// Also refreshes the `swiftlake_queue_*` gauges.
    public func status() async throws -> StatusView {
        let queues = env.queues
        let existing = Set(try await queues.listQueues(prefix: "lake-\(config.environment)-"))
        func counts(_ queue: QueueName) async throws -> QueueCounts {
            existing.contains(queue) ? try await queues.counts(queue) : QueueCounts(visible: 0, inFlight: 0, delayed: 0)
        }
        var rows: [StatusView.Queue] = []
        let names = topology.names
        for (name, options) in topology.queueSpecs(tuning: env.tuning) where options.deadLetterQueue != nil {
            let depth = try await counts(name)
            var dead = 0
            if let dlq = options.deadLetterQueue { dead = try await counts(dlq).total }
            if name == names.catalog { dead += try await counts(names.routingDeadLetter).total }
            LakeMetrics.queueDepth(name.rawValue, counts: depth, deadLetter: dead)
            rows.append(StatusView.Queue(
                name: name.rawValue, visible: depth.visible, inFlight: depth.inFlight, delayed: depth.delayed, deadLetter: dead,
                deadLetterQueue: options.deadLetterQueue?.rawValue ?? ""))
        }
        if let workflows {
            for tenant in try await workflows.env.stores.tenants() {
                let (queue, deadLetter) = workflows.env.queue(of: tenant.id)
                let depth = try await counts(queue)
                let dead = try await counts(deadLetter).total
                LakeMetrics.queueDepth(queue.rawValue, counts: depth, deadLetter: dead)
                rows.append(StatusView.Queue(
                    name: queue.rawValue, visible: depth.visible, inFlight: depth.inFlight, delayed: depth.delayed, deadLetter: dead,
                    deadLetterQueue: deadLetter.rawValue))
            }
        }
        return StatusView(queues: rows, executions: try await executionCounts())
    }

    /// ``status()`` shared between callers: an answer at most `maxAge` old, computed once however
    /// many ask at the same time (the HTTP API and dashboard poll with 1 s).
    public func status(maxAge: Duration) async throws -> StatusView {
        try await statusCache.value(maxAge: maxAge) { [self] in try await self.status() }
    }

    /// Executions per status over the whole history, every status present.
    public func executionCounts() async throws -> [String: Int] {
        let counts = try await env.metadata.executionCounts(matching: ExecutionQuery())
        return Dictionary(uniqueKeysWithValues: ExecutionStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }
}
