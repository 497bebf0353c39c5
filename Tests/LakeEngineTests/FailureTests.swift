import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine
import Testing

/// A light transform that always throws.
struct ExplodingTransform: LightTransform {
    func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        throw LakeError(.transform, "boom: cannot parse \(input.location.key.name)", hint: "fix the file and land it again")
    }
}

/// A heavy transform whose job ends in a chosen terminal state.
struct TerminalStateTransform: HeavyTransform {
    let state: @Sendable () -> JobState
    func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
        FixedJob(id: input.batchId, state: state())
    }
    struct FixedJob: TransformJob {
        let id: String
        let state: JobState
        func wait(upTo: Duration) async -> JobState { state }
        func stop(reason: String) async {}
    }
}

@Suite struct FailureTests {
    @Test(arguments: TestBackend.allCases)
    func throwingLightTransformDeadLettersAndNamesTheComponent(_ backend: TestBackend) async throws {
        var config = LakeConfig.sample()
        config.datasets[0].stageA.transform = "explode"
        let t = try await TestLake(config: config, backend: backend)
        defer { t.remove() }
        t.registry.register(light: "explode") { _ in ExplodingTransform() }
        try await t.land(["o.jsonl": jsonLines(2)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let failed = try await t.executions(ExecutionQuery(status: .failed))
        #expect(failed.count == 1)
        let record = try #require(failed.first)
        #expect(record.error?.hasPrefix("process: boom") == true)
        #expect(record.history.last?.component == "error")
        // The failure keeps its meaning, not only its message.
        #expect(record.errorCode == "transform")
        #expect(record.errorHint == "fix the file and land it again")
        #expect(record.errorComponent == "process")
        let dlq = t.env.names.stageADeadLetter(team: "sales", pipeline: "main")
        #expect(try await t.deadLetters(dlq) == 1)
        let message = try #require(try await t.queues.receive(from: dlq, maxMessages: 1, visibilityTimeout: .zero).first)
        #expect(message.attributes[DeadLetterAttribute.error]?.contains("boom") == true)

        // Fix the transform, redrive stage A: the same execution completes.
        t.config.datasets[0].stageA.transform = "json-flatten"
        let engine = try await t.engine()
        let report = try await Redriver(env: t.env, topology: engine.topology, priorities: engine.priorities).redriveStageA(DatasetRef(team: "sales", dataset: "orders"), max: nil)
        #expect(report.moved == 1)
        try await t.runUntilIdle()
        let all = try await t.executions(ExecutionQuery(stage: .a))
        #expect(all.count == 1)
        #expect(all.first?.status == .completed)
        #expect(all.first?.attempt == 2)
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 2)
    }

    @Test(arguments: ["FAILED", "STOPPED", "TIMEOUT", "ERROR"])
    func everyTerminalJobStateEndsTheWaitLoop(_ name: String) async throws {
        var config = LakeConfig.sample()
        config.datasets[0].stageB.transform = "terminal"
        let t = try await TestLake(config: config)
        defer { t.remove() }
        t.registry.register(heavy: "terminal") { _ in
            TerminalStateTransform {
                switch name {
                case "FAILED": return .failed("job failed", details: [:])
                case "STOPPED": return .stopped("operator")
                case "TIMEOUT": return .timedOut
                default: return .error("internal")
                }
            }
        }
        try await t.land(["o.jsonl": jsonLines(2)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let b = try await t.executions(ExecutionQuery(stage: .b))
        #expect(b.count == 1)
        #expect(b.first?.status == .failed)
        #expect(b.first?.history.contains { $0.status == "StageB Job \(name)" } == true)
        #expect(b.first?.error?.hasPrefix("wait:") == true)
        let dlq = t.env.names.stageBDeadLetter(DatasetRef(team: "sales", dataset: "orders"))
        #expect(try await t.deadLetters(dlq) == 1)

        // Redrive puts the keys back on the table's level queue; with a working transform they complete.
        t.config.datasets[0].stageB.transform = "concat"
        let engine = try await t.engine()
        let report = try await Redriver(env: t.env, topology: engine.topology, priorities: engine.priorities).redriveStageB(DatasetRef(team: "sales", dataset: "orders"), max: nil)
        #expect(report.byTarget["LOW"] == 1)
        try await t.runUntilIdle()
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 2)
    }

    @Test func commandTransformFailureKeepsStderrTail() async throws {
        var config = LakeConfig.sample()
        config.datasets[0].stageB = StageOverride(transform: "command", options: ["command": .array([.string("sh"), .string("-c"), .string("echo working; echo 'bad input row 7' >&2; exit 3")])])
        let t = try await TestLake(config: config)
        defer { t.remove() }
        try await t.land(["o.jsonl": jsonLines(2)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let b = try #require(try await t.executions(ExecutionQuery(stage: .b)).first)
        #expect(b.status == .failed)
        #expect(b.error?.contains("exited with status 3") == true)
        #expect(b.error?.contains("bad input row 7") == true)
        #expect(b.details["stdoutTail"] == "working")
    }

    @Test func commandTransformWritesOutputsAndTimesOut() async throws {
        let script = #"python3 -c 'import json,sys,os; j=json.load(sys.stdin); d=os.path.join(j["outputDirectory"],"summary"); os.makedirs(d); open(os.path.join(d,"count.txt"),"w").write(str(len(j["inputs"])))'"#
        var config = LakeConfig.sample()
        config.datasets[0].stageB = StageOverride(transform: "command", options: ["command": .array([.string("sh"), .string("-c"), .string(script)])])
        config.datasets[1].stageB = StageOverride(transform: "command", options: ["command": .string("sleep 30"), "timeout": .string("1s")])
        let t = try await TestLake(config: config)
        defer { t.remove() }
        try await t.land(["a.jsonl": jsonLines(1), "b.jsonl": jsonLines(1)], team: "sales", dataset: "orders", table: "orders")
        try await t.land(["r.jsonl": jsonLines(1)], team: "sales", dataset: "refunds", table: "refunds")
        try await t.runUntilIdle()
        let summary = try await t.objects.listAll(zone: .analytics, prefix: "sales/orders/summary/")
        #expect(summary.count == 1)
        let timedOut = try #require(try await t.executions(ExecutionQuery(dataset: DatasetRef(team: "sales", dataset: "refunds"), stage: .b)).first)
        #expect(timedOut.status == .failed)
        #expect(timedOut.history.contains { $0.status == "StageB Job TIMEOUT" })
    }
}
