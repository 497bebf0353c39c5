import LakeAMCSimulator
import Testing

@Suite struct ThrottleTests {
    @Test func everyNthSubmissionIsA429WithRetryAfter() async throws {
        let configuration = AMCSimulatorConfiguration(throttle: .init(everyNth: 2, retryAfterSeconds: 1))
        try await withSimulator(configuration) { amc in
            try await amc.createWorkflow("w1")
            var statuses: [Int] = []
            for _ in 0..<4 {
                let reply = try await amc.post("/acme/workflowExecutions", ["workflowId": "w1"])
                statuses.append(reply.status)
                if reply.status == 429 {
                    #expect(reply.headers["retry-after"] == "1")
                    #expect(reply.string("code") == "429")
                }
            }
            #expect(statuses == [200, 429, 200, 429])
            // Routes not chosen are never throttled.
            for _ in 0..<4 { #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00").status == 200) }
            let stats = try await amc.stats()
            #expect(stats["throttled"] as? Int == 2)
            #expect(stats["submitted"] as? Int == 2)
        }
    }

    @Test func retryAfterZeroOrNoneAndChosenTenants() async throws {
        let zero = AMCSimulatorConfiguration(throttle: .init(everyNth: 1, retryAfterSeconds: 0, tenants: ["acme"]))
        try await withSimulator(zero) { amc in
            try await amc.createWorkflow("w1")
            try await amc.createWorkflow("w1", tenant: "beta")
            let reply = try await amc.post("/acme/workflowExecutions", ["workflowId": "w1"])
            #expect(reply.status == 429)
            #expect(reply.headers["retry-after"] == "0")
            #expect(try await amc.post("/beta/workflowExecutions", ["workflowId": "w1"]).status == 200)
        }
        let none = AMCSimulatorConfiguration(throttle: .init(everyNth: 1, retryAfterSeconds: nil))
        try await withSimulator(none) { amc in
            let reply = try await amc.post("/acme/workflowExecutions", ["workflowId": "w1"])
            #expect(reply.status == 429)
            #expect(reply.headers["retry-after"] == nil)
        }
    }

    @Test func aSeededProbabilityRepeats() async throws {
        let configuration = AMCSimulatorConfiguration(throttle: .init(routes: [.listExecutions, .submitExecution], probability: 0.5, seed: 42))
        var runs: [[Int]] = []
        for _ in 0..<2 {
            try await withSimulator(configuration) { amc in
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await amc.get("/acme/workflowExecutions?workflowId=w1").status) }
                runs.append(statuses)
            }
        }
        #expect(runs[0] == runs[1])
        #expect(runs[0].contains(429))
        #expect(runs[0].contains(200))
    }
}
