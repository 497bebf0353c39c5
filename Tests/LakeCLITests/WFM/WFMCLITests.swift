import Foundation
import LakeTestSupport
import Testing

/// The workflow manager through the `lake` binary against the local AMC simulator (real HTTP):
/// tenants and workflows synced, requests queued with time expressions in a non-UTC zone, the
/// cap held by two workers over 200 requests, 429s retried, outside submissions found by the
/// sync, vanished executions marked DELETED, status changes told to a webhook.
@Suite(.serialized, .blocking) struct WFMCLITests {
    static func lake(_ extra: String = "") throws -> TempDir {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig + "wfm:\n  consumer_interval: 1s\n  sync_interval: 1s\n" + extra)
        return dir
    }

    static func json(_ args: [String], in dir: TempDir) throws -> Any? {
        let result = try LakeBinary.run(args, in: dir.url)
        guard result.status == 0 else { throw CLITestFailure("lake \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr)") }
        return result.json
    }

    @Test func tenantsWorkflowsAndTimeExpressionsThroughTheSimulator() async throws {
        let simulator = try await SimulatorProcess()
        defer { simulator.stop() }
        let dir = try Self.lake()
        try dir.write("tenants.json", "[\(simulator.tenant("acme")), \(simulator.tenant("beta", max: 2))]")
        #expect(try LakeBinary.run(["wfm", "tenants", "put", "tenants.json"], in: dir.url).status == 0)
        let tenants = try #require(try Self.json(["wfm", "tenants", "list", "--json"], in: dir) as? [[String: Any]])
        #expect(tenants.compactMap { $0["customerId"] as? String } == ["acme", "beta"])
        // A bad record names what is wrong, exit 2.
        try dir.write("bad.json", #"{"customerId": "acme", "AMC": {"amcApiEndpoint": "http://x"}, "maxConcurrent": 3}"#)
        let bad = try LakeBinary.run(["wfm", "tenants", "put", "bad.json"], in: dir.url)
        #expect(bad.status == 2 && bad.stderr.contains("maxConcurrent"))

        // Workflows: a batch of two, both synced to the API; a second put updates (already exists).
        try dir.write("wf.json", #"[{"workflowId": "wf1", "sqlQuery": "SELECT 1"}, {"workflowId": "fail-wf", "sqlQuery": "SELECT 2"}]"#)
        #expect(try LakeBinary.run(["wfm", "workflows", "put", "--tenant", "acme", "wf.json"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["wfm", "workflows", "put", "--tenant", "acme", "wf.json"], in: dir.url).status == 0)
        let workflows = try #require(try Self.json(["wfm", "workflows", "list", "--tenant", "acme", "--json"], in: dir) as? [[String: Any]])
        #expect(workflows.map { $0["syncState"] as? String } == ["SYNCED", "SYNCED"])
        let remote = try #require(try JSONSerialization.jsonObject(with: try await simulator.request(.GET, "/acme/workflows")) as? [String: Any])
        #expect((remote["workflows"] as? [Any])?.count == 2)

        // Time expressions resolve in the request's zone when queued.
        try dir.write("req.json", #"{"workflowId": "wf1", "timeWindowStart": "TODAY(-1)", "timeWindowEnd": "today()", "timeWindowTimeZone": "America/New_York", "parameterValues": {"since": "FIRSTDAYOFOFFSETMONTH(-1)"}}"#)
        let queued = try #require(try Self.json(["wfm", "execute", "--tenant", "acme", "req.json", "--json"], in: dir) as? [[String: Any]])
        let start = try #require(queued.first?["timeWindowStart"] as? String)
        #expect(start.hasSuffix("T00:00:00") && !start.contains("TODAY"))
        #expect(((queued.first?["parameterValues"] as? [String: String])?["since"])?.hasSuffix("-01T00:00:00") == true)
        try dir.write("badreq.json", #"{"workflowId": "wf1", "timeWindowStart": "YESTERDAY()"}"#)
        #expect(try LakeBinary.run(["wfm", "execute", "--tenant", "acme", "badreq.json"], in: dir.url).status == 2)

        // The consumer submits it; the record keeps the window as sent, in its zone.
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let executions = try #require(try Self.json(["wfm", "executions", "--tenant", "acme", "--json"], in: dir) as? [[String: Any]])
        #expect(executions.count == 1)
        #expect(executions.first?["timeWindowStart"] as? String == start)
        #expect(executions.first?["timeWindowTimeZone"] as? String == "America/New_York")
        #expect(executions.first?["submittedBy"] as? String == "wfm")
        let summary = try #require(try Self.json(["wfm", "summary", "--tenant", "acme", "--json"], in: dir) as? [String: Any])
        #expect(summary["total"] as? Int == 1 && summary["queued"] as? Int == 0)
        // `lake wfm resolve` for a fixed clock.
        let resolved = try LakeBinary.run(["wfm", "resolve", "LASTDAYOFOFFSETMONTH(1)", "--now", "2024-01-31T23:30:00-05:00", "--tz", "America/New_York"], in: dir.url)
        #expect(resolved.stdout == "2024-02-29T00:00:00\n")
    }

    @Test func theCapHoldsWithTwoWorkersAndThrottling() async throws {
        let simulator = try await SimulatorProcess(["--pending-seconds", "0.3", "--running-seconds", "0.5", "--throttle-every", "7", "--retry-after", "0"])
        defer { simulator.stop() }
        let dir = try Self.lake()
        try dir.write("tenants.json", simulator.tenant("acme", max: 10))
        #expect(try LakeBinary.run(["wfm", "tenants", "put", "tenants.json"], in: dir.url).status == 0)
        try dir.write("wf.json", #"{"workflowId": "wf1", "sqlQuery": "SELECT 1"}"#)
        #expect(try LakeBinary.run(["wfm", "workflows", "put", "--tenant", "acme", "wf.json"], in: dir.url).status == 0)
        let requests = (0..<200).map { #"{"workflowId": "wf1", "timeWindowStart": "2024-01-01T00:00:00", "timeWindowEnd": "2024-01-02T00:00:00", "parameterValues": {"n": "\#($0)"}}"# }
        try dir.write("reqs.json", "[" + requests.joined(separator: ",") + "]")
        #expect(try LakeBinary.run(["wfm", "execute", "--tenant", "acme", "reqs.json"], in: dir.url).status == 0)
        // `lake status` shows the tenant's request queue next to the pipeline's.
        let status = try #require(try Self.json(["status", "--json"], in: dir) as? [String: Any])
        let queues = try #require(status["queues"] as? [[String: Any]])
        let acme = try #require(queues.first { ($0["name"] as? String)?.contains("wfm-acme") == true }, "\(queues)")
        #expect(acme["visible"] as? Int == 200 && acme["deadLetter"] as? Int == 0, "\(acme)")
        let workers = try (0..<2).map { _ in try LakeBinary.start(["run", "--no-watch"], in: dir.url) }
        defer { for w in workers where w.process.isRunning { w.process.terminate() } }
        let deadline = Date().addingTimeInterval(240)
        var stats: [String: Any] = [:]
        while Date() < deadline {
            stats = try await simulator.stats("acme")
            if (stats["submitted"] as? Int ?? 0) >= 200 { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        for w in workers { w.process.terminate(); w.process.waitUntilExit() }
        #expect(stats["submitted"] as? Int == 200, "\(stats)")
        #expect((stats["throttled"] as? Int ?? 0) > 0, "429s were sent and retried: \(stats)")
        let peak = try #require(stats["peakActive"] as? Int)
        #expect(peak <= 10, "the cap was never exceeded at the server (peak \(peak))")
        #expect(peak >= 5, "the workers used the cap (peak \(peak))")
        let summary = try #require(try Self.json(["wfm", "summary", "--tenant", "acme", "--json"], in: dir) as? [String: Any])
        #expect(summary["queued"] as? Int == 0 && summary["deadLetter"] as? Int == 0, "\(summary)")
    }

    @Test func syncFindsOutsideSubmissionsMarksVanishedOnesAndTellsFailures() async throws {
        let simulator = try await SimulatorProcess(["--pending-seconds", "0.1", "--running-seconds", "0.2"])
        defer { simulator.stop() }
        let sinkFile = try TempDir()
        let received = sinkFile.url.appendingPathComponent("received.txt")
        let sink = try WebhookSink(writingTo: received)
        defer { sink.stop() }
        let port = sink.port
        let dir = try Self.lake("  notify: {webhook: \"http://127.0.0.1:\(port)/wfm\"}\n")
        try dir.write("tenants.json", simulator.tenant("acme"))
        #expect(try LakeBinary.run(["wfm", "tenants", "put", "tenants.json"], in: dir.url).status == 0)
        try dir.write("wf.json", #"[{"workflowId": "wf1", "sqlQuery": "SELECT 1"}, {"workflowId": "fail-wf", "sqlQuery": "SELECT 2"}]"#)
        #expect(try LakeBinary.run(["wfm", "workflows", "put", "--tenant", "acme", "wf.json"], in: dir.url).status == 0)
        try dir.write("reqs.json", #"[{"workflowId": "wf1"}, {"workflowId": "fail-wf"}]"#)
        #expect(try LakeBinary.run(["wfm", "execute", "--tenant", "acme", "reqs.json"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        // Another tool submits one; a second vanishes from the API.
        _ = try await simulator.request(.POST, "/_admin/acme/executions", body: #"{"workflowId": "wf1"}"#)
        let mine = try #require(try Self.json(["wfm", "executions", "--tenant", "acme", "--json"], in: dir) as? [[String: Any]])
        let vanish = try #require(mine.first { $0["workflowId"] as? String == "wf1" }?["workflowExecutionId"] as? String)
        _ = try await simulator.request(.DELETE, "/_admin/acme/executions/\(vanish)")
        try await Task.sleep(for: .milliseconds(600))
        let synced = try LakeBinary.run(["wfm", "sync"], in: dir.url)
        #expect(synced.status == 0, "\(synced.stderr)")
        let after = try #require(try Self.json(["wfm", "executions", "--tenant", "acme", "--json"], in: dir) as? [[String: Any]])
        #expect(after.count == 3, "\(after)")
        #expect(after.contains { $0["submittedBy"] as? String == "outside" })
        #expect(after.first { $0["workflowExecutionId"] as? String == vanish }?["status"] as? String == "DELETED")
        #expect(after.first { $0["workflowId"] as? String == "fail-wf" }?["status"] as? String == "FAILED")
        // The webhook heard FAILED and DELETED (after one 500, retried).
        let lines = (try? String(contentsOf: received, encoding: .utf8))?.split(separator: "\n") ?? []
        let delivered = lines.filter { $0.hasPrefix("200 ") }.joined(separator: "\n")
        #expect(delivered.contains(#""newStatus":"FAILED""#), "\(lines); \(sink.state); sync said: \(synced.stderr)")
        #expect(delivered.contains(#""newStatus":"DELETED""#), "\(lines)")
        #expect(lines.filter { $0.hasPrefix("500 ") }.count == 1, "one delivery was refused and retried: \(lines)")
        // Resubmission: the failed one has no successful twin. The vanished wf1 has one — the outside
        // submission of the same request (same workflow, default window, no parameters) succeeded.
        let resubmit = try #require(try Self.json(["wfm", "resubmit", "--tenant", "acme", "--dry-run", "--json"], in: dir) as? [[String: Any]])
        #expect(resubmit.map { $0["workflowId"] as? String } == ["fail-wf"], "\(resubmit)")
        #expect(resubmit.map { $0["status"] as? String } == ["FAILED"], "\(resubmit)")
    }

    @Test func backfillWindows() throws {
        let dir = try Self.lake()
        let tumbling = try #require(try Self.json(
            ["wfm", "backfill", "--tenant", "acme", "--workflow", "wf1", "--from", "2022-01-01", "--to", "2022-01-29", "--days", "7", "--window", "tumbling", "--dry-run", "--json"],
            in: dir) as? [[String: String]])
        #expect(tumbling.map { $0["timeWindowStart"] ?? "" } == ["2022-01-01T00:00:00", "2022-01-08T00:00:00", "2022-01-15T00:00:00", "2022-01-22T00:00:00"])
        let sliding = try #require(try Self.json(
            ["wfm", "backfill", "--tenant", "acme", "--workflow", "wf1", "--from", "2022-01-01", "--to", "2022-01-06", "--days", "3", "--window", "sliding", "--dry-run", "--json"],
            in: dir) as? [[String: String]])
        #expect(sliding.map { $0["timeWindowEnd"] ?? "" } == ["2022-01-04T00:00:00", "2022-01-05T00:00:00", "2022-01-06T00:00:00"])
        let uneven = try LakeBinary.run(
            ["wfm", "backfill", "--tenant", "acme", "--workflow", "wf1", "--from", "2022-01-01", "--to", "2022-01-30", "--days", "7", "--dry-run"], in: dir.url)
        #expect(uneven.status == 2)
        #expect(uneven.stderr.contains("2022-01-29"), "\(uneven.stderr)")
    }

    /// `lake bench wfm` end to end: every request submitted, none above the cap, 429s retried.
    @Test func benchSubmitsEveryRequestWithinTheCap() throws {
        let dir = try TempDir()
        let result = try LakeBinary.run(
            ["bench", "wfm", "--tenants", "2", "--requests", "30", "--cap", "3", "--throttle-every", "7", "--json"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(result.json as? [String: Any])
        #expect(report["submitted"] as? Int == 30)
        #expect(report["capViolations"] as? Int == 0)
        #expect((report["peakActiveMax"] as? Int ?? 99) <= 3)
        #expect((report["throttledAndRetried"] as? Int ?? 0) > 0)
        #expect(report["deadLetter"] as? Int == 0)
    }

    /// `lake demo wfm`: two tenants in different zones, their caps held, a schedule fired.
    @Test func demoRunsTwoTenantsWithinTheirCaps() throws {
        let dir = try TempDir()
        let result = try LakeBinary.run(["demo", "wfm", "--dir", dir.url.appendingPathComponent("demo").path, "--json"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(result.json as? [String: Any])
        let tenants = try #require(summary["tenants"] as? [[String: Any]])
        #expect(tenants.count == 2)
        let schedule = try #require(summary["schedule"] as? [String: Any])
        #expect(schedule["lastFired"] != nil, "\(schedule)")
        for tenant in tenants {
            #expect((tenant["peakAtServer"] as? Int ?? 99) <= (tenant["cap"] as? Int ?? 0), "\(tenant)")
            let statuses = try #require(tenant["byStatus"] as? [String: Int])
            #expect(statuses["FAILED"] == nil && (statuses["SUCCEEDED"] ?? 0) > 0, "\(tenant)")
            #expect(tenant["deadLetter"] as? Int == 0, "\(tenant)")
        }
    }
}
