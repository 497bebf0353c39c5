import Testing

@Suite struct CancelTests {
    @Test func deleteCancels() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            amc.clock.advance(12)
            #expect(try await amc.delete("/acme/workflowExecutions/\(id)").status == 200)
            amc.clock.advance(1000)
            let read = try await amc.get("/acme/workflowExecutions/\(id)")
            #expect(read.string("status") == "CANCELLED")
            #expect(read.string("lastUpdatedTime") == "2026-01-01T00:00:12Z")
        }
    }

    @Test func putCancelledCancels() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            let cancelled = try await amc.put("/acme/workflowExecutions/\(id)", ["status": "CANCELLED"])
            #expect(cancelled.status == 200)
            #expect(cancelled.string("status") == "CANCELLED")
            #expect(try await amc.status(id) == "CANCELLED")
            // Again is fine; another status is not.
            #expect(try await amc.put("/acme/workflowExecutions/\(id)", ["status": "CANCELLED"]).status == 200)
            #expect(try await amc.put("/acme/workflowExecutions/\(id)", ["status": "RUNNING"]).status == 400)
            #expect(try await amc.stats()["cancelled"] as? Int == 1)
        }
    }

    @Test func endedAndUnknownExecutionsCannotBeCancelled() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            amc.clock.advance(60)
            let refused = try await amc.delete("/acme/workflowExecutions/\(id)")
            #expect(refused.status == 400)
            #expect(refused.string("details")?.contains("SUCCEEDED") == true)
            #expect(try await amc.status(id) == "SUCCEEDED")
            let missing = try await amc.put("/acme/workflowExecutions/no-such-id", ["status": "CANCELLED"])
            #expect(missing.status == 404)
            #expect(missing.string("code") == "404")
        }
    }
}
