import CoreMetrics
import Foundation
import LakeCore
import LakeEngine
import LakeRuntime
import MetricsTestKit
import Testing

/// What the runtime's production wiring adds to the engine, on both backends: the crawler at the
/// end of stage B, unreadable messages dead-lettered with their reason, and swift-metrics.
@Suite struct RuntimeWiringTests {
    /// The test process's metrics backend, bootstrapped once (swift-metrics allows one bootstrap
    /// per process). Tests read counters with dimensions of their own, so tests running in
    /// parallel do not disturb each other's numbers.
    static let metrics: TestMetrics = {
        let metrics = TestMetrics()
        MetricsSystem.bootstrap(metrics)
        return metrics
    }()

    /// One team and dataset named uniquely for this test, on `json-flatten` then `transform`.
    static func config(team: String, transform: String = "concat") -> LakeConfig {
        LakeConfig(
            environment: "test", org: "acme", app: "lake",
            pipelines: [PipelineConfig(name: "main", stageA: StageAConfig(transform: "json-flatten"), stageB: StageBConfig(transform: transform))],
            teams: [TeamConfig(name: team)],
            datasets: [DatasetConfig(name: "events", team: team, pipeline: "main")])
    }

    static func uniqueTeam() -> String { "m" + String(Int.random(in: 100_000...999_999)) }

    @Test(arguments: TestBackend.allCases)
    func stageBEndsWithTheCrawler(_ backend: TestBackend) async throws {
        let t = try await TestLake(config: Self.config(team: "sales", transform: "parquet"), backend: backend)
        defer { t.remove() }
        try await t.land(["a.jsonl": jsonLines(5), "b.jsonl": jsonLines(3, from: 5)], team: "sales", dataset: "events", table: "clicks")
        try await t.runUntilIdle()
        #expect(try await t.executions().allSatisfy { $0.status == .completed })
        let database = CatalogNaming(config: t.config).analyticsDatabase(DatasetRef(team: "sales", dataset: "events"))
        let table = try #require(try await t.catalog.table(database: database, name: "clicks"), "the crawler registered the table")
        #expect(table.parameters["recordCount"] == "8")
        #expect(table.columns.map(\.name).contains("id"))
    }

    @Test(arguments: TestBackend.allCases)
    func anUnreadableStageBMessageIsDeadLetteredWithTheReason(_ backend: TestBackend) async throws {
        let t = try await TestLake(config: Self.config(team: "sales"), backend: backend)
        defer { t.remove() }
        let engine = try await t.engine()
        let unit = try #require(engine.topology.datasets[DatasetRef(team: "sales", dataset: "events")])
        let queue = try #require(unit.stageBQueues.first?.queue)
        _ = try await t.queues.send([OutgoingMessage(body: #"{"not":"a stage-B message"}"#)], to: queue)
        try await t.runUntilIdle()
        #expect(try await t.queues.counts(queue).total == 0, "nothing is left leased on the stage-B queue")
        #expect(try await t.deadLetters(unit.stageBDeadLetter) == 1)
        let dead = try #require(try await t.queues.receive(from: unit.stageBDeadLetter, maxMessages: 1, visibilityTimeout: .zero).first)
        let reason = try #require(dead.attributes[DeadLetterAttribute.error])
        #expect(reason.hasPrefix("router: "), "\(reason)")
        #expect(reason.contains("bad-message"), "\(reason)")
        #expect(dead.body == #"{"not":"a stage-B message"}"#)
    }

    @Test func metricsCountWhatARunDid() async throws {
        let metrics = Self.metrics
        let team = Self.uniqueTeam()
        let t = try await TestLake(config: Self.config(team: team))
        defer { t.remove() }
        try await t.land(
            ["a.jsonl": jsonLines(2), "b.jsonl": jsonLines(2, from: 2), "c.jsonl": jsonLines(1, from: 4), "bad.json": "{not json"],
            team: team, dataset: "events", table: "clicks")
        try await t.runUntilIdle()
        let ds: [(String, String)] = [("team", team), ("dataset", "events")]
        func count(_ label: String, stage: String) -> Int64 {
            metrics.counterTotal(label: label, dimensions: [("stage", stage)] + ds)
        }
        #expect(metrics.counterTotal(label: "swiftlake_objects_landed_total", dimensions: ds) == 4)
        #expect(count("swiftlake_executions_started_total", stage: "a") == 4)
        #expect(count("swiftlake_executions_completed_total", stage: "a") == 3)
        #expect(count("swiftlake_executions_failed_total", stage: "a") == 1)
        let stageB = try await t.executions(ExecutionQuery(stage: .b))
        #expect(!stageB.isEmpty)
        #expect(count("swiftlake_executions_started_total", stage: "b") == Int64(stageB.count))
        #expect(count("swiftlake_executions_completed_total", stage: "b") == Int64(stageB.count))
        let dlq = t.env.names.stageADeadLetter(team: team, pipeline: "main")
        #expect(metrics.counterTotal(label: "swiftlake_messages_dead_lettered_total", dimensions: [("stage", "a"), ("queue", dlq.rawValue)]) == 1)
        #expect(try metrics.expectTimer("swiftlake_stage_a_duration_seconds", ds).values.count == 4)
        #expect(try metrics.expectTimer("swiftlake_stage_b_duration_seconds", ds).values.count == stageB.count)
        #expect(try !metrics.expectTimer("swiftlake_wlm_wait_seconds", [("dataset", "\(team)/events"), ("level", "LOW")]).values.isEmpty)

        // Redriving the failed object counts too, and status refreshes the queue gauges.
        let runtime = try await t.current()
        let report = try await runtime.redrive(.stage(DatasetRef(team: team, dataset: "events"), .a))
        #expect(report.moved == 1)
        #expect(metrics.counterTotal(label: "swiftlake_messages_redriven_total", dimensions: [("stage", "a"), ("dataset", "\(team)/events")]) == 1)
        _ = try await runtime.status()
        let visible = try metrics.expectGauge("swiftlake_queue_visible", [("queue", t.env.names.stageA(team: team, pipeline: "main", level: "LOW").rawValue)])
        #expect(visible.lastValue == 1, "the redriven object waits on the stage-A queue")
    }
}
