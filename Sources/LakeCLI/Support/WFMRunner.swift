import Foundation
import LakeCore
import LakeEngine
import LakeRuntime
import LakeWorkflows

/// Runs a lake's services as `lake run` does until every tenant's queue is empty and nothing it
/// submitted is still PENDING or RUNNING (for `lake demo --wfm` and `lake bench wfm`).
struct WFMRunner {
    let runtime: LakeRuntime
    let manager: WorkflowManager

    /// Each tenant's summary as of the moment everything settled. `expected` is how many
    /// executions each tenant must have recorded at least; `progress` hears every poll.
    func runUntilSettled(
        expected: [String: Int], since: Date, timeout: Duration, poll: Duration = .milliseconds(250),
        progress: ([WorkflowSummaryView]) -> Void = { _ in }
    ) async throws -> [WorkflowSummaryView] {
        let stop = StopSignal()
        let running = Task { [runtime] in try await runtime.run(stop: stop, grace: .seconds(5)) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        do {
            while true {
                try await Task.sleep(for: poll)
                let summaries = try await summaries(of: expected.keys.sorted(), since: since)
                progress(summaries)
                if summaries.allSatisfy({ Self.isSettled($0, expected: expected[$0.tenant] ?? 0) }) {
                    stop.request()
                    try await running.value
                    return summaries
                }
                if clock.now > deadline {
                    throw LakeError(
                        .timeout, "workflow executions did not settle within \(timeout)",
                        hint: "see `lake wfm summary --tenant T` and the simulator's log; queued requests stay queued")
                }
            }
        } catch {
            stop.request()
            _ = try? await running.value
            throw error
        }
    }

    func summaries(of tenants: [String], since: Date) async throws -> [WorkflowSummaryView] {
        var out: [WorkflowSummaryView] = []
        for tenant in tenants { out.append(try await manager.summary(tenant: tenant, since: since)) }
        return out
    }

    static func isSettled(_ summary: WorkflowSummaryView, expected: Int) -> Bool {
        summary.queued == 0 && summary.pending == 0 && summary.running == 0 && (summary.byStatus["PUBLISHING"] ?? 0) == 0
            && summary.total + summary.deadLetter >= expected
    }
}
