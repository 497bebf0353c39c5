import CoreMetrics
import LakeCore

/// The engine's metrics, through swift-metrics: whatever backend the process bootstraps
/// (`MetricsSystem.bootstrap`) receives them; with none they cost almost nothing. Names are
/// `swiftlake_*`; dimensions are low-cardinality (stage, team, dataset, queue).
///
/// | name | type | dimensions |
/// |---|---|---|
/// | `swiftlake_objects_landed_total` | counter | team, dataset |
/// | `swiftlake_executions_started_total` | counter | stage, team, dataset |
/// | `swiftlake_executions_completed_total` | counter | stage, team, dataset |
/// | `swiftlake_executions_failed_total` | counter | stage, team, dataset |
/// | `swiftlake_messages_dead_lettered_total` | counter | stage, queue |
/// | `swiftlake_messages_redriven_total` | counter | stage, dataset |
/// | `swiftlake_stage_a_duration_seconds` | timer | team, dataset |
/// | `swiftlake_stage_b_duration_seconds` | timer | team, dataset |
/// | `swiftlake_wlm_wait_seconds` | timer | dataset, level |
/// | `swiftlake_queue_visible`, `_in_flight`, `_delayed`, `_dead_letter` | gauge | queue |
public enum LakeMetrics {
    /// Objects catalogued in the raw zone (a landing event that became an object row).
    public static func landed(_ count: Int, team: String?, dataset: String?) {
        guard count > 0 else { return }
        Counter(label: "swiftlake_objects_landed_total", dimensions: [("team", team ?? "-"), ("dataset", dataset ?? "-")])
            .increment(by: count)
    }

    /// Executions begun (stage-A executions continued after a redelivery count again).
    public static func started(_ records: some Sequence<ExecutionRecord>) {
        for record in records {
            Counter(label: "swiftlake_executions_started_total", dimensions: dimensions(record)).increment()
        }
    }

    /// An execution ended: its completion or failure, and its duration.
    public static func ended(_ record: ExecutionRecord) {
        switch record.status {
        case .completed: Counter(label: "swiftlake_executions_completed_total", dimensions: dimensions(record)).increment()
        case .failed: Counter(label: "swiftlake_executions_failed_total", dimensions: dimensions(record)).increment()
        case .running: return
        }
        guard let seconds = record.durationSeconds else { return }
        let name = record.stage == .a ? "swiftlake_stage_a_duration_seconds" : "swiftlake_stage_b_duration_seconds"
        Timer(label: name, dimensions: [("team", record.team), ("dataset", record.dataset)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(max(0, seconds) * 1e9))
    }

    /// Messages moved to the dead-letter queue `queue`.
    public static func deadLettered(queue: QueueName, stage: PipelineStage?, count: Int = 1) {
        Counter(label: "swiftlake_messages_dead_lettered_total", dimensions: [("stage", stage?.rawValue ?? "catalog"), ("queue", queue.rawValue)])
            .increment(by: count)
    }

    /// Messages a redrive put back.
    public static func redriven(_ count: Int, stage: String, dataset: String) {
        guard count > 0 else { return }
        Counter(label: "swiftlake_messages_redriven_total", dimensions: [("stage", stage), ("dataset", dataset)]).increment(by: count)
    }

    /// How long stage-B keys waited in their WLM queue before an execution took them.
    public static func waited(_ seconds: [Double], dataset: DatasetRef, level: String) {
        let timer = Timer(label: "swiftlake_wlm_wait_seconds", dimensions: [("dataset", dataset.description), ("level", level)], preferredDisplayUnit: .seconds)
        for value in seconds { timer.recordNanoseconds(Int64(max(0, value) * 1e9)) }
    }

    /// A queue's depth as last read.
    public static func queueDepth(_ queue: String, counts: QueueCounts, deadLetter: Int) {
        Gauge(label: "swiftlake_queue_visible", dimensions: [("queue", queue)]).record(counts.visible)
        Gauge(label: "swiftlake_queue_in_flight", dimensions: [("queue", queue)]).record(counts.inFlight)
        Gauge(label: "swiftlake_queue_delayed", dimensions: [("queue", queue)]).record(counts.delayed)
        Gauge(label: "swiftlake_queue_dead_letter", dimensions: [("queue", queue)]).record(deadLetter)
    }

    private static func dimensions(_ record: ExecutionRecord) -> [(String, String)] {
        [("stage", record.stage.rawValue), ("team", record.team), ("dataset", record.dataset)]
    }
}
