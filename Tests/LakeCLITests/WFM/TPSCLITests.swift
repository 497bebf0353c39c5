import Foundation
import LakeTestSupport
import Testing

/// Tenant provisioning and the workflow library through the `lake` binary against the local AMC
/// simulator: provisioning is idempotent, a tenant's landed file reaches analytics under its team
/// and dataset, library items reach every matching tenant as `<id>_v<version>` and the tenants'
/// flags hold them back, new versions replace old ones, removal honours the removal flags.
@Suite(.serialized, .blocking) struct TPSCLITests {
    static func steps(_ args: [String], in dir: TempDir) throws -> [[String: String]] {
        let result = try LakeBinary.run(args + ["--json"], in: dir.url)
        guard result.status == 0 else { throw CLITestFailure("lake \(args.joined(separator: " ")) failed (\(result.status)): \(result.stderr)") }
        return try #require(result.json as? [[String: String]], "\(result.stdout)")
    }

    static func remoteWorkflows(_ simulator: SimulatorProcess, _ tenant: String) async throws -> [String] {
        let remote = try #require(try JSONSerialization.jsonObject(with: try await simulator.request(.GET, "/\(tenant)/workflows")) as? [String: Any])
        return ((remote["workflows"] as? [[String: Any]]) ?? []).compactMap { $0["workflowId"] as? String }.sorted()
    }

    @Test func provisioningLandingAndTheLibrary() async throws {
        let simulator = try await SimulatorProcess()
        defer { simulator.stop() }
        let dir = try WFMCLITests.lake()
        // The library first: a tenant added later gets it replayed.
        try dir.write("library.json", #"""
            [{"workflowId": "reach", "version": 1, "sqlQuery": "SELECT 1", "defaultSchedule": {"expression": "custom(D * 3)", "payload": {"timeWindowStart": "TODAY(-1)", "timeWindowEnd": "TODAY(0)"}}},
             {"workflowId": "nondemic-only", "sqlQuery": "SELECT 2", "endemicType": "NONDEMIC"}]
            """#)
        #expect(try Self.steps(["wfm", "library", "put", "library.json"], in: dir).isEmpty)

        // acme: everything on; beta: no new library content.
        let acme = #"{"customerId": "acme", "AMC": {"amcApiEndpoint": "\#(simulator.base)/acme", "auth": "none", "amcTeamName": "acmeteam", "amcDatasetName": "amcresults"}}"#
        let beta = #"{"customerId": "beta", "AMC": {"amcApiEndpoint": "\#(simulator.base)/beta", "auth": "none"}, "enableWorkflowLibraryNewContent": false}"#
        try dir.write("tenants.json", "[\(acme), \(beta)]")
        let first = try Self.steps(["wfm", "tenants", "put", "tenants.json"], in: dir)
        #expect(first.map { $0["step"] ?? "" } == ["record", "queues", "landing", "dataset", "library", "record", "queues", "landing", "dataset", "library"])
        #expect(first.filter { $0["step"] != "library" }.allSatisfy { $0["status"] == "created" }, "\(first)")
        #expect(first.first { $0["tenant"] == "acme" && $0["step"] == "library" }?["status"] == "updated")
        // A second put changes nothing: every step exists.
        let second = try Self.steps(["wfm", "tenants", "put", "tenants.json"], in: dir)
        #expect(second.count == 10 && second.allSatisfy { $0["status"] == "exists" }, "\(second)")

        // The library reached acme (schedule too) but not beta (flag off), nor the NONDEMIC-only item anywhere.
        #expect(try await Self.remoteWorkflows(simulator, "acme") == ["reach_v1"])
        #expect(try await Self.remoteWorkflows(simulator, "beta") == [])
        let schedules = try #require(try LakeBinary.run(["wfm", "schedules", "list", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(schedules.map { $0["name"] as? String } == ["wfm-acme-reach"])
        #expect(schedules.first?["workflowId"] as? String == "reach_v1")
        let dry = try Self.steps(["wfm", "library", "sync", "--dry-run"], in: dir)
        #expect(dry.map { "\($0["tenant"] ?? "") \($0["action"] ?? "") \($0["outcome"] ?? "")" } == ["beta skip skipped"], "\(dry)")

        // A new version replaces the old on acme and repoints its schedule.
        try dir.write("v2.json", #"{"workflowId": "reach", "version": 2, "sqlQuery": "SELECT 3", "defaultSchedule": {"expression": "custom(D * 4)"}}"#)
        let v2 = try Self.steps(["wfm", "library", "put", "v2.json"], in: dir)
        #expect(v2.filter { $0["tenant"] == "acme" }.map { $0["action"] ?? "" } == ["update", "remove-workflow", "schedule"], "\(v2)")
        #expect(try await Self.remoteWorkflows(simulator, "acme") == ["reach_v2"])
        let repointed = try #require(try LakeBinary.run(["wfm", "schedules", "list", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(repointed.first?["workflowId"] as? String == "reach_v2" && repointed.first?["expression"] as? String == "custom(D * 4)")

        // A file in acme's landing directory reaches analytics under its team and dataset.
        let landed = dir.url.appendingPathComponent(".lake/landing/acme/audience/part-0.json")
        try FileManager.default.createDirectory(at: landed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((#"{"id": 1, "segment": "a"}"# + "\n" + #"{"id": 2, "segment": "b"}"# + "\n").utf8).write(to: landed)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-10)], ofItemAtPath: landed.path)
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: landed.path), "the landed file was routed")
        let analytics = try #require(try LakeBinary.run(["objects", "--zone", "analytics", "--dataset", "acmeteam/amcresults", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(analytics.count == 1, "\(analytics)")
        #expect((analytics.first?["key"] as? String)?.hasPrefix("acmeteam/amcresults/audience/") == true, "\(analytics)")
        let executions = try #require(try LakeBinary.run(["executions", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(executions.contains { $0["team"] as? String == "acmeteam" && $0["dataset"] as? String == "amcresults" && $0["status"] as? String == "COMPLETED" })

        // Removing the item removes its copies and schedule where the flags allow.
        let removed = try Self.steps(["wfm", "library", "remove", "reach"], in: dir)
        #expect(removed.map { $0["action"] ?? "" } == ["remove-workflow", "remove-schedule"], "\(removed)")
        #expect(try await Self.remoteWorkflows(simulator, "acme") == [])

        // Removing a tenant removes its queues and record, keeps its data.
        let gone = try Self.steps(["wfm", "tenants", "remove", "beta"], in: dir)
        #expect(gone.map { "\($0["step"] ?? "") \($0["status"] ?? "")" } == ["queues removed", "landing removed", "record removed"], "\(gone)")
        let status = try #require(try LakeBinary.run(["status", "--json"], in: dir.url).json as? [String: Any])
        let queues = (status["queues"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(!queues.contains { $0.contains("wfm-beta") } && queues.contains { $0.contains("wfm-acme") }, "\(queues)")
    }

    @Test func aFailedStepIsKeptOnTheRecordAndFinishedByPuttingAgain() async throws {
        let dir = try TempDir()
        // No pipeline to put the tenant's dataset on: the dataset step fails.
        try dir.write("lake.yaml", "environment: dev\nstorage: {backend: embedded, path: .lake}\nwfm: {}\n")
        try dir.write("t.json", #"{"customerId": "acme", "AMC": {"amcApiEndpoint": "http://127.0.0.1:9/acme", "auth": "none"}}"#)
        let failed = try LakeBinary.run(["wfm", "tenants", "put", "t.json", "--json"], in: dir.url)
        #expect(failed.status == 1)
        let steps = try #require(failed.json as? [[String: String]])
        #expect(steps.last?["step"] == "dataset" && steps.last?["status"] == "failed", "\(steps)")
        #expect(failed.stderr.contains("lake run"), "\(failed.stderr)")
        let tenant = try #require(try LakeBinary.run(["wfm", "tenants", "get", "acme", "--json"], in: dir.url).json as? [String: Any])
        #expect((tenant["provisionFailure"] as? [String: Any])?["step"] as? String == "dataset")
        // With a pipeline, putting it again finishes and clears the failure.
        try dir.write("lake.yaml", "environment: dev\nstorage: {backend: embedded, path: .lake}\npipelines: {main: {type: standard}}\nwfm: {}\n")
        let again = try LakeBinary.run(["wfm", "tenants", "put", "t.json", "--json"], in: dir.url)
        #expect(again.status == 0, "\(again.stderr)")
        let fixed = try #require(try LakeBinary.run(["wfm", "tenants", "get", "acme", "--json"], in: dir.url).json as? [String: Any])
        #expect(fixed["provisionFailure"] == nil)
    }
}
