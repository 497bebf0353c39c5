import LakeAMCSimulator
import Testing

@Suite struct AdminTests {
    @Test func outsideSubmissionsAreListedAndCounted() async throws {
        try await withSimulator { amc in
            let outside = try await amc.post("/_admin/acme/executions", ["workflowId": "other-tool-query", "parameterValues": ["a": "1"]])
            #expect(outside.status == 200)
            let id = try #require(outside.string("workflowExecutionId"))
            #expect(outside.string("status") == "PENDING")
            let listed = try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00")
            #expect(listed.items("executions").compactMap { $0["workflowExecutionId"] as? String } == [id])
            let stats = try await amc.stats()
            #expect(stats["outsideSubmitted"] as? Int == 1)
            #expect(stats["submitted"] as? Int == 0)
            #expect(stats["active"] as? Int == 1)
            #expect(stats["peakActive"] as? Int == 1)
        }
    }

    @Test func outsideSubmissionsCanBeBackdatedAndGivenAnOutcome() async throws {
        try await withSimulator { amc in
            let old = try await amc.post("/_admin/acme/executions", ["workflowId": "q", "createTime": "2025-12-31T12:00:00", "outcome": "FAILED"])
            #expect(old.string("status") == "FAILED")
            #expect(old.string("createTime") == "2025-12-31T12:00:00Z")
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00").items("executions").isEmpty)
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2025-12-31T00:00:00").items("executions").count == 1)
            #expect(try await amc.post("/_admin/acme/executions", ["workflowId": "q", "outcome": "LOST"]).status == 400)
            let id = try await amc.simulator.state.addOutsideExecution(tenant: "acme", workflowId: "from-swift")
            #expect(try await amc.status(id) == "PENDING")
        }
    }

    @Test func vanishedExecutionsAreGone() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            let kept = try await amc.submit("w1")
            #expect(try await amc.delete("/_admin/acme/executions/\(id)").status == 200)
            #expect(try await amc.get("/acme/workflowExecutions/\(id)").status == 404)
            let listed = try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00")
            #expect(listed.items("executions").compactMap { $0["workflowExecutionId"] as? String } == [kept])
            #expect(try await amc.delete("/_admin/acme/executions/\(id)").status == 404)
            let stats = try await amc.stats()
            #expect(stats["vanished"] as? Int == 1)
            #expect(stats["active"] as? Int == 1)
        }
    }
}
