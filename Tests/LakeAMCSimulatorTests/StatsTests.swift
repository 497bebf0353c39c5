import LakeAMCSimulator
import Testing

@Suite struct StatsTests {
    @Test func peakActiveIsTheMostAtOnce() async throws {
        try await withSimulator(AMCSimulatorConfiguration(pendingSeconds: 10, runningSeconds: 10)) { amc in
            try await amc.createWorkflow("w1")
            for _ in 0..<3 { _ = try await amc.submit("w1") }
            var stats = try await amc.stats()
            #expect(stats["peakActive"] as? Int == 3)
            #expect(stats["active"] as? Int == 3)
            #expect(stats["submitted"] as? Int == 3)
            amc.clock.advance(25)
            let fourth = try await amc.submit("w1")
            stats = try await amc.stats()
            #expect(stats["active"] as? Int == 1)
            #expect(stats["peakActive"] as? Int == 3)
            // A cancelled execution is no longer active.
            _ = try await amc.delete("/acme/workflowExecutions/\(fourth)")
            #expect(try await amc.stats()["active"] as? Int == 0)
            // Four at once raise the peak.
            for _ in 0..<4 { _ = try await amc.submit("w1") }
            #expect(try await amc.stats()["peakActive"] as? Int == 4)
        }
    }

    @Test func statsArePerTenantAndResetForgetsEverything() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            try await amc.createWorkflow("w1", tenant: "beta")
            _ = try await amc.submit("w1")
            _ = try await amc.submit("w1", tenant: "beta")
            _ = try await amc.submit("w1", tenant: "beta")
            #expect(try await amc.stats("acme")["peakActive"] as? Int == 1)
            #expect(try await amc.stats("beta")["peakActive"] as? Int == 2)
            #expect(try await amc.stats("acme")["workflows"] as? Int == 1)
            #expect(try await amc.post("/_admin/reset").status == 200)
            let tenants = try await amc.get("/_admin/stats").object["tenants"] as? [String: Any]
            #expect(tenants?.isEmpty == true)
            #expect(try await amc.get("/acme/workflows/w1").status == 404)
        }
    }

    @Test func statsAreReadableFromSwift() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            _ = try await amc.submit("w1")
            let stats = await amc.simulator.state.stats()
            #expect(stats["acme"]?.submitted == 1)
            #expect(stats["acme"]?.peakActive == 1)
        }
    }
}
