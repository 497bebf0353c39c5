import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine
import Testing

@Suite struct PipelineFlowTests {
    @Test(arguments: TestBackend.allCases)
    func severalTeamsAndDatasetsDrainCompletely(_ backend: TestBackend) async throws {
        let t = try await TestLake(config: .sample(), backend: backend)
        defer { t.remove() }
        for i in 0..<20 { try await t.land(["o\(i).jsonl": jsonLines(3, from: i * 3)], team: "sales", dataset: "orders", table: "orders") }
        try await t.land(["refunds.json": #"[{"id":1,"amount":2.5,"meta":{"x":1}},{"id":2,"amount":3}]"#], team: "sales", dataset: "refunds")
        for i in 0..<5 { try await t.land(["cpu_\(i).jsonl": jsonLines(2, from: i * 2)], team: "ops", dataset: "metrics") }
        try await t.land(["app.log": "line1\nline2\n"], team: "ops", dataset: "logs", table: "app")
        try await t.runUntilIdle()

        let executions = try await t.executions()
        #expect(!executions.isEmpty)
        let notCompleted: [String] = executions.filter { $0.status != .completed }.map { $0.error ?? "" }
        #expect(notCompleted.isEmpty, "\(notCompleted)")
        let stageACount = executions.filter { $0.stage == .a }.count
        #expect(stageACount == 27)
        #expect(try await t.pendingMessages() == 0)

        let orders = try await t.analyticsLines(team: "sales", dataset: "orders")
        #expect(orders.count == 60)
        #expect(Set(orders).count == 60, "no duplicated rows")
        #expect(orders.allSatisfy { !$0.contains("nested") && !$0.contains("tags") }, "json-flatten drops nested fields")
        #expect(try await t.analyticsLines(team: "sales", dataset: "refunds").count == 2)
        #expect(try await t.analyticsLines(team: "ops", dataset: "metrics").count == 10)
        // The custom pipeline stops after stage A.
        #expect(try await t.objects.listAll(zone: .analytics, prefix: "ops/logs/").isEmpty)
        #expect(try await t.objects.listAll(zone: .stage, prefix: "ops/logs/").count == 1)

        // Octagon: every raw, stage and analytics object has a metadata row.
        let counts = try await t.metadata.objectCounts()
        #expect(counts[.raw] == 27)
        #expect(counts[.stage] == 27)
        let analytics = try await t.objects.listAll(zone: .analytics)
        #expect(counts[.analytics] == analytics.count)
        // History records each step with its component.
        let a = try #require(executions.first { $0.stage == .a })
        #expect(a.history.map(\.component) == ["preupdate", "process", "postupdate", "postupdate"])
        let b = try #require(executions.first { $0.stage == .b })
        #expect(b.history.map(\.component).contains("wait"))
        #expect(b.endedAt != nil)
    }

    @Test func jsonArrayAndJSONLinesBothWork() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        try await t.land([
            "a.json": #"[{"id":1,"name":"x","obj":{"k":"v"}},{"id":2,"name":"y","arr":[1]}]"#,
            "b.jsonl": #"{"id":3,"name":"z"}"# + "\n" + #"{"id":4,"name":"w","deep":{"a":{"b":1}}}"# + "\n",
        ], team: "sales", dataset: "orders", table: "people")
        try await t.runUntilIdle()
        let lines = try await t.analyticsLines(team: "sales", dataset: "orders").sorted()
        #expect(lines == [#"{"id":1,"name":"x"}"#, #"{"id":2,"name":"y"}"#, #"{"id":3,"name":"z"}"#, #"{"id":4,"name":"w"}"#])
    }

    @Test(arguments: TestBackend.allCases)
    func unknownDatasetGoesToRoutingDeadLetterThenRedrives(_ backend: TestBackend) async throws {
        let t = try await TestLake(config: .sample(), backend: backend)
        defer { t.remove() }
        try await t.land(["x.jsonl": jsonLines(4)], team: "sales", dataset: "leads", table: "leads")
        try await t.runUntilIdle()
        let names = t.env.names
        // On AWS the object arrives twice: the ingest's own landing event and S3's notification
        // (absorbed downstream for routable objects); both are dead-lettered here.
        let deadLetters = try await t.deadLetters(names.routingDeadLetter)
        #expect(backend == .embedded ? deadLetters == 1 : (1...2).contains(deadLetters), "\(deadLetters)")
        #expect(try await t.executions().isEmpty)
        let dead = try #require(try await t.queues.receive(from: names.routingDeadLetter, maxMessages: 1, visibilityTimeout: .zero).first)
        #expect(dead.attributes[DeadLetterAttribute.error]?.contains("dataset 'leads' of team 'sales' is not defined") == true)
        // The raw object was still catalogued.
        #expect(try await t.metadata.objects(matching: ObjectQuery(zone: .raw)).count == 1)

        // Fix the config, redrive, and the file goes all the way through.
        t.config.datasets.append(DatasetConfig(name: "leads", team: "sales", pipeline: "main"))
        let engine = try await t.engine()
        let report = try await Redriver(env: t.env, topology: engine.topology, priorities: engine.priorities).redriveRouting(max: nil)
        #expect(report.moved == deadLetters)
        try await t.runUntilIdle()
        #expect(try await t.deadLetters(names.routingDeadLetter) == 0)
        #expect(try await t.analyticsLines(team: "sales", dataset: "leads").count == 4)
        #expect(try await t.executions().allSatisfy { $0.status == .completed })
    }

    @Test func inactivePipelineLeavesMessagesWaiting() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        _ = try await t.engine()
        let id = PipelineRecord.id(team: "sales", pipeline: "main", stage: .a)
        var record = try #require(try await t.metadata.pipeline(id: id))
        record.status = .inactive
        try await t.metadata.upsertPipeline(record)
        try await t.land(["o.jsonl": jsonLines(2)], team: "sales", dataset: "orders", table: "orders")
        let report = try await t.engine().runUntilIdle(timeout: .seconds(60))
        #expect(report.waitingInactive.values.reduce(0, +) == 1)
        #expect(try await t.executions().isEmpty)

        record.status = .active
        try await t.metadata.upsertPipeline(record)
        try await t.runUntilIdle()
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 2)
    }

    @Test func deletedRawObjectLosesItsMetadataRow() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        let keys = try await t.land(["o.jsonl": jsonLines(1)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let key = try #require(keys.first)
        #expect(try await t.metadata.objects(matching: ObjectQuery(zone: .raw)).count == 1)
        try await t.objects.delete(ObjectLocation(.raw, key))
        try await Ingestor(env: t.env).removed(key: key)
        try await t.runUntilIdle()
        #expect(try await t.metadata.objects(matching: ObjectQuery(zone: .raw)).isEmpty)
    }

    @Test func relandingSameContentDoesNotDuplicateRows() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        try await t.land(["o.jsonl": jsonLines(5)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        try await t.land(["o.jsonl": jsonLines(5)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let stageA = try await t.executions(ExecutionQuery(stage: .a))
        #expect(stageA.count == 1, "same object, same content: one stage-A execution record")
        #expect(try await t.analyticsLines(team: "sales", dataset: "orders").count == 5)
    }

    /// `dt=1/part-0.jsonl` and `dt=2/part-0.jsonl` are different raw objects: their stage
    /// outputs keep the folders, so neither overwrites the other and every row arrives.
    @Test func sameFileNameInDifferentFoldersKeepsBothObjects() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        let incoming = t.root.appendingPathComponent("folders")
        for (day, first) in [("dt=1", 0), ("dt=2", 3)] {
            let folder = incoming.appendingPathComponent(day)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(jsonLines(3, from: first).utf8).write(to: folder.appendingPathComponent("part-0.jsonl"))
        }
        _ = try await t.engine()
        let ingestor = Ingestor(env: t.env)
        let planned = try ingestor.plan(paths: [incoming], dataset: DatasetRef(team: "sales", dataset: "orders"), table: "orders")
        #expect(planned.map(\.1.rawValue).sorted() == ["sales/orders/orders/dt=1/part-0.jsonl", "sales/orders/orders/dt=2/part-0.jsonl"])
        _ = try await ingestor.ingest(planned)
        try await t.runUntilIdle()
        let staged = try await t.objects.listAll(zone: .stage, prefix: "sales/orders/orders/").map(\.location.key.rawValue).sorted()
        #expect(staged == ["sales/orders/orders/dt=1/part-0.jsonl", "sales/orders/orders/dt=2/part-0.jsonl"])
        let lines = try await t.analyticsLines(team: "sales", dataset: "orders")
        #expect(lines.count == 6)
        #expect(Set(lines).count == 6)
    }
}
