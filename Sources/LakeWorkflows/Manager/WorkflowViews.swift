import Foundation
import LakeCore

/// One execution as `lake wfm executions --json` prints it; window times as the request sent
/// them (local to its time zone).
public struct WorkflowExecutionView: Sendable, Codable, Hashable {
    public var tenant: String
    public var workflowExecutionId: String
    public var workflowId: String
    public var status: String
    public var timeWindowStart: String?
    public var timeWindowEnd: String?
    public var timeWindowTimeZone: String?
    public var createTime: Date
    public var lastUpdatedTime: Date
    public var statusReason: String?
    public var submittedBy: String

    public init(_ r: WorkflowExecutionRecord) {
        tenant = r.tenant
        workflowExecutionId = r.workflowExecutionId
        workflowId = r.workflowId
        status = r.status.rawValue
        timeWindowStart = r.timeWindowStart
        timeWindowEnd = r.timeWindowEnd
        timeWindowTimeZone = r.timeWindowTimeZone
        createTime = r.createTime
        lastUpdatedTime = r.lastUpdatedTime
        statusReason = r.statusReason
        submittedBy = r.submittedBy.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case tenant, workflowExecutionId, workflowId, status, timeWindowStart, timeWindowEnd, timeWindowTimeZone, createTime, lastUpdatedTime, statusReason, submittedBy
    }

    /// Every key present, absent values as null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(workflowExecutionId, forKey: .workflowExecutionId)
        try c.encode(workflowId, forKey: .workflowId)
        try c.encode(status, forKey: .status)
        try c.encode(timeWindowStart, forKey: .timeWindowStart)
        try c.encode(timeWindowEnd, forKey: .timeWindowEnd)
        try c.encode(timeWindowTimeZone, forKey: .timeWindowTimeZone)
        try c.encode(createTime, forKey: .createTime)
        try c.encode(lastUpdatedTime, forKey: .lastUpdatedTime)
        try c.encode(statusReason, forKey: .statusReason)
        try c.encode(submittedBy, forKey: .submittedBy)
    }
}

/// A tenant's executions over a period (`lake wfm summary --json`).
public struct WorkflowSummaryView: Sendable, Codable, Hashable {
    public var tenant: String
    public var since: Date
    /// Executions created since `since` (the reference's "executions since").
    public var executionsSince: Int
    /// The same count, by the name `lake wfm summary` always used.
    public var total: Int
    /// Executions the manager remembers for the tenant, whenever created (within retention).
    public var allTime: Int
    /// Executions PENDING or RUNNING now, whenever created (what counts against the cap).
    public var runningOrPending: Int
    public var byStatus: [String: Int]
    public var running: Int
    public var pending: Int
    public var succeeded: Int
    public var failed: Int
    public var rejected: Int
    public var cancelled: Int
    /// Requests waiting in the tenant's queue.
    public var queued: Int
    /// Requests that gave up (5 failed submissions).
    public var deadLetter: Int
}

/// A schedule with its next fire time (`lake wfm schedules list --json`).
public struct ScheduleView: Sendable, Codable, Hashable {
    public var name: String
    public var tenant: String
    public var workflowId: String
    public var expression: String
    public var state: String
    public var lastFired: Date?
    public var nextFire: Date?
    public var payload: ConfigValue

    public init(_ s: ScheduleRecord, now: Date) {
        name = s.name
        tenant = s.tenant
        workflowId = s.workflowId
        expression = s.expression
        state = s.state
        lastFired = s.lastFired
        nextFire = s.enabled ? (try? ScheduleExpression.parse(s.expression))?.nextFire(after: now, lastFired: s.lastFired) : nil
        payload = (try? JSONDecoder().decode(ConfigValue.self, from: Data(s.payload.utf8))) ?? .null
    }

    enum CodingKeys: String, CodingKey { case name, tenant, workflowId, expression, state, lastFired, nextFire, payload }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(workflowId, forKey: .workflowId)
        try c.encode(expression, forKey: .expression)
        try c.encode(state, forKey: .state)
        try c.encode(lastFired, forKey: .lastFired)
        try c.encode(nextFire, forKey: .nextFire)
        try c.encode(payload, forKey: .payload)
    }
}

extension WorkflowManager {
    /// Executions matching `query`, newest first.
    public func executions(_ query: WorkflowExecutionQuery) async throws -> [WorkflowExecutionView] {
        try await env.stores.workflowExecutions(matching: query).map(WorkflowExecutionView.init)
    }

    /// A tenant's executions created since `since`, counted by status, and its queue.
    public func summary(tenant id: String, since: Date) async throws -> WorkflowSummaryView {
        _ = try await tenant(id)
        let records = try await env.stores.workflowExecutions(matching: WorkflowExecutionQuery(tenant: id, createdSince: since))
        var by: [String: Int] = [:]
        for status in WorkflowExecutionStatus.allCases { by[status.rawValue] = 0 }
        for r in records { by[r.status.rawValue, default: 0] += 1 }
        let (queue, dlq) = env.queue(of: id)
        let queued = (try? await env.queues.counts(queue).total) ?? 0
        let dead = (try? await env.queues.counts(dlq).total) ?? 0
        let allTime = try await env.stores.workflowExecutions(matching: WorkflowExecutionQuery(tenant: id)).count
        let active = try await env.stores.activeWorkflowExecutions(tenant: id)
        return WorkflowSummaryView(
            tenant: id, since: since, executionsSince: records.count, total: records.count, allTime: allTime, runningOrPending: active, byStatus: by, running: by["RUNNING"] ?? 0, pending: by["PENDING"] ?? 0,
            succeeded: by["SUCCEEDED"] ?? 0, failed: by["FAILED"] ?? 0, rejected: by["REJECTED"] ?? 0, cancelled: by["CANCELLED"] ?? 0,
            queued: queued, deadLetter: dead)
    }

    /// Every schedule with its next fire time.
    public func scheduleViews() async throws -> [ScheduleView] {
        let now = env.clock.now()
        return try await env.stores.schedules().map { ScheduleView($0, now: now) }
    }
}
