import Foundation
import LakeCore
import LakeEngine

/// Fires due schedules: for each enabled schedule, the latest due time since its last fire
/// (looking back at most `wfm.catch_up`, so a restart fires what it missed within that window,
/// once) is recorded with a compare-and-set — two workers never both fire it — and then its
/// payload is queued as an execution request.
public struct WorkflowScheduler: LakeService {
    public let name = "wfm-scheduler"
    let env: WorkflowEnvironment
    let gate = IntervalGate(.seconds(5))

    public init(env: WorkflowEnvironment) { self.env = env }

    public func step(drain: Bool) async throws -> Bool {
        let now = env.clock.now()
        guard gate.due(now: now, drain: drain) else { return false }
        var fired = 0
        for schedule in try await env.stores.schedules() where schedule.enabled {
            if try await fire(schedule, now: now) { fired += 1 }
        }
        return fired > 0
    }

    /// Fires `schedule` if it is due at `now`; true when this call fired it.
    public func fire(_ schedule: ScheduleRecord, now: Date) async throws -> Bool {
        let expression: ScheduleExpression
        do {
            expression = try ScheduleExpression.parse(schedule.expression)
        } catch {
            env.logger.error("schedule has a bad expression", metadata: ["schedule": "\(schedule.name)", "error": "\(error)"])
            return false
        }
        let floor = now.addingTimeInterval(-env.wfm.catchUp.seconds)
        let since = max(schedule.lastFired ?? floor, floor)
        guard let due = expression.dueFires(since: since, until: now, limit: 10_000).last else { return false }
        guard try await env.stores.recordFire(name: schedule.name, fire: due, previous: schedule.lastFired) else { return false }
        var payload = try JSONDecoder().decode([String: ConfigValue].self, from: Data(schedule.payload.utf8))
        payload["workflowId"] = .string(schedule.workflowId)
        _ = try await WorkflowManager(env: env).queueExecutions(tenant: schedule.tenant, payloads: [payload])
        try? await env.events.recordEvent(EventRecord(
            id: env.ids.next(), at: now, kind: "wfm.schedule-fired", message: "schedule \(schedule.name) fired for \(LocalTimestamp.format(due, in: LocalTimestamp.utc))",
            details: ["schedule": schedule.name, "tenant": schedule.tenant, "workflow": schedule.workflowId]))
        return true
    }
}
