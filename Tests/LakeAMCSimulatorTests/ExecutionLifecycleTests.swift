import LakeAMCSimulator
import Testing

@Suite struct ExecutionLifecycleTests {
    @Test func pendingThenRunningThenSucceededByTheClock() async throws {
        try await withSimulator(AMCSimulatorConfiguration(pendingSeconds: 10, runningSeconds: 20)) { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            amc.clock.advance(9.5)
            #expect(try await amc.status(id) == "PENDING")
            amc.clock.advance(1)
            let running = try await amc.get("/acme/workflowExecutions/\(id)?includeWorkflow=false")
            #expect(running.string("status") == "RUNNING")
            #expect(running.string("lastUpdatedTime") == "2026-01-01T00:00:10Z")
            #expect(running.string("outputS3URI") == nil)
            amc.clock.advance(20)
            let done = try await amc.get("/acme/workflowExecutions/\(id)")
            #expect(done.string("status") == "SUCCEEDED")
            #expect(done.string("createTime") == "2026-01-01T00:00:00Z")
            #expect(done.string("lastUpdatedTime") == "2026-01-01T00:00:30Z")
            #expect(done.string("outputS3URI")?.hasPrefix("s3://") == true)
            #expect(done.object.keys.contains("statusReason"))
            #expect(done.object.keys.contains("invalidationOffsetSecs"))
        }
    }

    @Test func fractionalSecondsAreHonoured() async throws {
        try await withSimulator(AMCSimulatorConfiguration(pendingSeconds: 0.5, runningSeconds: 0.25)) { amc in
            try await amc.createWorkflow("w1")
            let id = try await amc.submit("w1")
            amc.clock.advance(0.6)
            #expect(try await amc.status(id) == "RUNNING")
            amc.clock.advance(0.2)
            #expect(try await amc.status(id) == "SUCCEEDED")
        }
    }

    @Test func patternsFailAndRejectExecutions() async throws {
        try await withSimulator(AMCSimulatorConfiguration(pendingSeconds: 10, runningSeconds: 20)) { amc in
            try await amc.createWorkflow("fail-report")
            try await amc.createWorkflow("reject-report")
            let failing = try await amc.submit("fail-report")
            let rejected = try await amc.submit("reject-report")
            #expect(try await amc.status(rejected) == "PENDING")
            amc.clock.advance(11)
            #expect(try await amc.status(failing) == "RUNNING")
            let rejection = try await amc.get("/acme/workflowExecutions/\(rejected)")
            #expect(rejection.string("status") == "REJECTED")
            #expect(rejection.string("statusReason") != nil)
            amc.clock.advance(20)
            let failure = try await amc.get("/acme/workflowExecutions/\(failing)")
            #expect(failure.string("status") == "FAILED")
            #expect(failure.string("statusReason")?.contains("fail-") == true)
            #expect(failure.string("outputS3URI") == nil)
        }
    }

    @Test func patternsAreConfigurable() async throws {
        let configuration = AMCSimulatorConfiguration(pendingSeconds: 1, runningSeconds: 1, failurePattern: "broken$", rejectPattern: nil)
        try await withSimulator(configuration) { amc in
            try await amc.createWorkflow("q-broken")
            try await amc.createWorkflow("reject-q")
            let broken = try await amc.submit("q-broken")
            let fine = try await amc.submit("reject-q")
            amc.clock.advance(3)
            #expect(try await amc.status(broken) == "FAILED")
            #expect(try await amc.status(fine) == "SUCCEEDED")
        }
    }

    @Test func unusableConfigurationsAreRefused() {
        #expect(throws: AMCSimulatorSetupError.self) { try AMCSimulator(configuration: .init(failurePattern: "([")) }
        #expect(throws: AMCSimulatorSetupError.self) { try AMCSimulator(configuration: .init(pendingSeconds: -1)) }
        #expect(throws: AMCSimulatorSetupError.self) { try AMCSimulator(configuration: .init(throttle: .init(probability: 2))) }
    }
}
