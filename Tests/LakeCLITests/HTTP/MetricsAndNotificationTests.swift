import Foundation
import LakeTestSupport
import Testing

/// `lake run --http`: `/metrics` grows as the daemon processes files; and a failed execution
/// posts its notification to the team's webhook, retried when the webhook fails at first.
@Suite(.blocking) struct MetricsAndNotificationTests {
    /// The sum of a metric's series whose labels contain every `labels` pair.
    static func total(_ metrics: String, _ name: String, _ labels: [String] = []) -> Double {
        metrics.split(separator: "\n").filter { line in
            line.hasPrefix(name + "{") && labels.allSatisfy { line.contains($0) }
        }.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
    }

    @Test func metricsGrowAsTheDaemonProcessesFiles() async throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        let server = try await ServedLake(dir: dir, arguments: ["run", "--http", "0"])
        defer { server.stop() }
        let before = try await server.get("/metrics", auth: false)
        #expect(before.status == 200)
        #expect(before.headers.first(name: "Content-Type")?.hasPrefix("text/plain") == true)
        #expect(before.text.contains("process_resident_memory_bytes"))
        #expect(before.text.contains("process_open_fds"))
        #expect(Self.total(before.text, "swiftlake_executions_completed_total") == 0)
        for i in 0..<5 { try dir.write("in/e\(i).jsonl", #"{"id":\#(i)}"# + "\n") }
        #expect(try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "events"], in: dir.url).status == 0)
        var text = ""
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            text = try await server.get("/metrics", auth: false).text
            if Self.total(text, "swiftlake_executions_completed_total", [#"stage="b""#]) >= 1 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let ds = [#"team="sales""#, #"dataset="orders""#]
        #expect(Self.total(text, "swiftlake_objects_landed_total", ds) == 5)
        #expect(Self.total(text, "swiftlake_executions_completed_total", ds + [#"stage="a""#]) == 5)
        #expect(Self.total(text, "swiftlake_executions_completed_total", ds + [#"stage="b""#]) >= 1)
        #expect(text.contains("swiftlake_stage_a_duration_seconds_bucket"), "durations are histograms")
        #expect(text.contains("swiftlake_queue_visible{"), "queue depth gauges")
        #expect(server.stop() == 0)
    }

    @Test func aFailedExecutionPostsToTheTeamsWebhookWithRetries() async throws {
        let dir = try TempDir()
        let received = dir.url.appendingPathComponent("received.txt")
        let sink = try WebhookSink(writingTo: received)
        defer { sink.stop() }
        let port = sink.port
        try dir.write("lake.yaml", twoTeamsConfig.replacingOccurrences(
            of: "  sales: {}", with: "  sales:\n    notify: {webhook: \"http://127.0.0.1:\(port)/hook\", on: [failed, dead-lettered]}"))
        #expect(try LakeBinary.run(["config", "validate"], in: dir.url).status == 0)
        try dir.write("in/broken.json", "{not json")
        #expect(try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "events"], in: dir.url).status == 0)
        // `lake process` returns once idle, after the delivery (which fails once, then succeeds).
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let lines = try #require(try? String(contentsOf: received, encoding: .utf8), "nothing received; \(sink.state)").split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("500 ") == true && lines.last?.hasPrefix("200 application/json ") == true)
        let json = try #require(lines.last.map { String($0.split(separator: " ", maxSplits: 2)[2]) })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["kind"] as? String == "failed")
        #expect(document["team"] as? String == "sales")
        #expect(document["dataset"] as? String == "orders")
        #expect(document["stage"] as? String == "a")
        #expect(document["errorCode"] as? String == "format")
        #expect((document["hint"] as? String)?.isEmpty == false)
        #expect((document["executionId"] as? String)?.isEmpty == false)
        #expect(document.keys.contains("link"))
        // Each notification is also an event, shown on the overview.
        let server = try await ServedLake(dir: dir)
        defer { server.stop() }
        let login = try await server.get("/login?token=\(try #require(server.token))", auth: false)
        let cookie = try #require(login.headers.first(name: "Set-Cookie")?.split(separator: ";").first.map(String.init))
        let overview = try await server.request(.GET, "/", auth: false, headers: [("Cookie", cookie)])
        #expect(overview.text.contains("Notifications") && overview.text.contains("broken.json"), "the overview lists the notification")
    }
}
