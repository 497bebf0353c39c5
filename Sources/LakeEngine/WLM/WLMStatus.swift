import Foundation
import LakeCore

/// What `lake wlm status` reports: per dataset and level the queue depth, the age of the oldest
/// message and wait percentiles over the last hour; per pipeline the running executions
/// against the slots.
public struct WLMStatus: Sendable, Codable {
    public struct Level: Sendable, Codable {
        public var dataset: String
        public var level: String
        public var queue: String
        public var visible: Int
        public var inFlight: Int
        public var oldestAgeSeconds: Double?
        public var waitP50Seconds: Double?
        public var waitP99Seconds: Double?
        public var startedLastHour: Int
    }
    public struct Pipeline: Sendable, Codable {
        public var pipeline: String
        public var running: Int
        public var slots: Int
    }
    public var levels: [Level]
    public var pipelines: [Pipeline]
    public var globalRunning: Int
    public var globalSlots: Int?

    /// Collects the status from the queues and the execution history.
    public static func collect(env: LakeEnvironment, topology: Topology) async throws -> WLMStatus {
        let now = env.clock.now()
        let hourAgo = now.addingTimeInterval(-3600)
        let staleBefore = now.adding(.zero - env.tuning.staleAfter)
        let recent = try await env.metadata.executions(matching: ExecutionQuery(stage: .b, startedAfter: hourAgo))
        var levels: [Level] = []
        for unit in topology.sortedDatasets where unit.hasStageB {
            let mine = recent.filter { $0.team == unit.ref.team && $0.dataset == unit.ref.dataset }
            for (level, queue) in unit.stageBQueues {
                let counts = try await env.queues.counts(queue)
                let executions = mine.filter { $0.details["level"] == level }
                let waits = executions.flatMap { ($0.details["waitSeconds"] ?? "").split(separator: ",").compactMap { Double($0) } }.sorted()
                levels.append(Level(
                    dataset: unit.ref.description, level: level, queue: queue.rawValue, visible: counts.visible, inFlight: counts.inFlight,
                    oldestAgeSeconds: counts.oldestSentAt.map { max(0, now.timeIntervalSince($0)) },
                    waitP50Seconds: percentile(waits, 0.50), waitP99Seconds: percentile(waits, 0.99), startedLastHour: executions.count))
            }
        }
        var pipelines: [Pipeline] = []
        var globalRunning = 0
        for unit in topology.stageA {
            guard let stageB = unit.pipeline.stageB else { continue }
            let group = PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .b)
            let running = try await env.metadata.runningCount(slotGroup: group, staleBefore: staleBefore)
            globalRunning += running
            pipelines.append(Pipeline(pipeline: unit.pipelineId, running: running, slots: stageB.maxConcurrent))
        }
        return WLMStatus(levels: levels, pipelines: pipelines, globalRunning: globalRunning, globalSlots: env.config.wlm.globalMaxConcurrent)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}

/// Reads the reference WLM's priority file: `{"<dataset>": [{"table_name": "regions",
/// "priority": "LOW"}, ...]}`, for one team.
public enum WLMPriorityImport {
    public static func parse(_ data: Data, team: String, levels: [String], at now: Date) throws -> [TablePriority] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw LakeError(.usage, "the priority file is not valid JSON: \(error.localizedDescription)", hint: "expected {\"<dataset>\": [{\"table_name\": \"regions\", \"priority\": \"LOW\"}]}")
        }
        guard let datasets = object as? [String: Any] else {
            throw LakeError(.usage, "the priority file must be a JSON object keyed by dataset", hint: "expected {\"<dataset>\": [{\"table_name\": \"regions\", \"priority\": \"LOW\"}]}")
        }
        var rows: [TablePriority] = []
        var problems: [String] = []
        for (dataset, value) in datasets.sorted(by: { $0.key < $1.key }) {
            guard let entries = value as? [Any] else {
                problems.append("\(dataset): expected a list of {table_name, priority}")
                continue
            }
            for (index, entry) in entries.enumerated() {
                guard let fields = entry as? [String: Any], let table = fields["table_name"] as? String, let level = fields["priority"] as? String else {
                    problems.append("\(dataset)[\(index)]: expected {\"table_name\": ..., \"priority\": ...}")
                    continue
                }
                guard levels.contains(level) else {
                    problems.append("\(dataset)[\(index)] (\(table)): priority '\(level)' is not one of \(levels.joined(separator: ", "))")
                    continue
                }
                rows.append(TablePriority(team: team, dataset: dataset, table: table, level: level, source: .import, updatedAt: now))
            }
        }
        if !problems.isEmpty {
            throw LakeError(.usage, "the priority file has \(problems.count) problem(s):\n  " + problems.joined(separator: "\n  "), hint: "fix them; nothing was imported")
        }
        return rows
    }
}
