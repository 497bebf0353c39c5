import Foundation
import LakeCore

extension LakeRuntime {
    /// What the dashboard's overview shows: executions per hour and stage over the last `hours`,
    /// dead letters, datasets without a successful run within `overdueAfter`, running
    /// executions and the latest notifications.
    public func overview(hours: Int = 24, overdueAfter: Duration = .seconds(86_400)) async throws -> OverviewView {
        let now = env.clock.now()
        let top = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
        var buckets: [OverviewView.Hour] = []
        for index in (0..<max(1, hours)).reversed() {
            let start = top.addingTimeInterval(-Double(index + 1) * 3600)
            for stage in PipelineStage.allCases {
                let query = ExecutionQuery(
                    stage: stage, startedAfter: start.addingTimeInterval(-0.000_001),
                    after: ExecutionPosition(startedAt: start.addingTimeInterval(3600), id: ""))
                let counts = try await env.metadata.executionCounts(matching: query)
                buckets.append(.init(start: start, stage: stage.rawValue, counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })))
            }
        }
        let status = try await status()
        var overdue: [OverviewView.Overdue] = []
        for dataset in topology.sortedDatasets {
            let last = try await env.metadata.executions(matching: ExecutionQuery(dataset: dataset.ref, status: .completed, limit: 1)).first
            if last.map({ now.timeIntervalSince($0.endedAt ?? $0.startedAt) > overdueAfter.seconds }) ?? true {
                overdue.append(.init(dataset: dataset.ref.description, lastSuccess: last?.endedAt))
            }
        }
        let events = try await env.metadata.events(kind: nil, limit: 200).filter { $0.kind.hasPrefix("notification.") }
        return OverviewView(
            hours: buckets, deadLetters: Self.byDeadLetterQueue(status.queues.filter { $0.deadLetter > 0 }), overdue: overdue,
            running: try await executions(ExecutionFilter(status: .running, limit: 50)),
            notifications: Array(events.prefix(20)), executions: status.executions)
    }

    /// One row per dead-letter queue (the level queues of a team pipeline share one).
    static func byDeadLetterQueue(_ queues: [StatusView.Queue]) -> [StatusView.Queue] {
        var seen = Set<String>()
        return queues.filter { seen.insert($0.deadLetterQueue).inserted }
    }

    /// The latest executions of every dataset (the pipelines grid), newest first, `limit` each.
    public func recentRuns(limit: Int = 20) async throws -> [(dataset: String, pipeline: String, runs: [ExecutionView])] {
        var out: [(String, String, [ExecutionView])] = []
        for dataset in topology.sortedDatasets {
            out.append((dataset.ref.description, "\(dataset.ref.team)/\(dataset.pipeline.name)", try await executions(ExecutionFilter(dataset: dataset.ref, limit: limit))))
        }
        return out
    }
}
