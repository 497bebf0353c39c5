import Foundation
import LakeCore
import Testing

@testable import LakeEngine

/// `runUntilIdle` (`lake process --until-idle`) returns only once nothing runs: an execution a
/// service starts while the rest of the lake is being declared idle is waited for, not killed
/// with the process mid-batch (its files written, its crawl not: the catalog then counted a
/// batch short).
@Suite struct IdleTests {
    /// The engine's tracker, known once the engine is built (the service is built before it).
    final class TrackerBox: @unchecked Sendable {
        var tracker: ExecutionTracker?
    }

    /// A service whose second step is still running when everything else is idle and starts a
    /// tracked execution at its end, as the stage-B router does when a batch's trigger fires in
    /// that moment.
    struct LateStarter: LakeService {
        let name = "late starter"
        let box: TrackerBox
        let steps = LockedValue(0)
        let lateStepBegun = LockedValue(false)
        let executionFinished = LockedValue(false)

        func step(drain: Bool) async throws -> Bool {
            if drain {
                // The idle check comes right after the drain steps: hold it until the late
                // step runs, so the check falls inside that step.
                while !lateStepBegun.value { try await Task.sleep(for: .milliseconds(2)) }
                return false
            }
            let n = steps.update { $0 += 1; return $0 }
            guard n == 2 else { return false }
            lateStepBegun.set(true)
            try await Task.sleep(for: .milliseconds(300))
            let finished = executionFinished
            await box.tracker?.spawn("late") {
                try? await Task.sleep(for: .milliseconds(300))
                finished.set(true)
            }
            return false
        }
    }

    @Test func anExecutionStartedWhileTheLakeIsDeclaredIdleIsWaitedFor() async throws {
        let t = try await TestLake(config: .sample())
        defer { t.remove() }
        var env = t.env
        env.tuning.idleWait = .milliseconds(10)
        let box = TrackerBox()
        let late = LateStarter(box: box)
        let engine = LakeEngine(env: env, extraServices: [late])
        box.tracker = engine.tracker
        try await engine.prepare()
        _ = try await engine.runUntilIdle(timeout: .seconds(60))
        #expect(late.lateStepBegun.value)
        #expect(late.executionFinished.value, "runUntilIdle returned while the execution still ran")
        #expect(await engine.tracker.activeCount == 0)
    }
}
