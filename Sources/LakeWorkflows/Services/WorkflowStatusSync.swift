import Foundation
import LakeCore
import LakeEngine

/// Keeps the status store in step with each tenant's API: lists executions created since now −
/// lookback rounded down to midnight (UTC, every page), fetches each older one still PENDING,
/// RUNNING or PUBLISHING one by one, inserts executions not seen before (`submittedBy:
/// outside`), updates those that changed, and marks those the API no longer returns DELETED.
/// Non-routine status changes are told (`WorkflowEnvironment.onStatusChange`) and recorded as
/// events. Expired records are purged.
public struct WorkflowStatusSync: LakeService {
    public let name = "wfm-status-sync"
    let env: WorkflowEnvironment
    let gate: IntervalGate

    public init(env: WorkflowEnvironment) {
        self.env = env
        gate = IntervalGate(max(.seconds(1), env.wfm.syncInterval))
    }

    public func step(drain: Bool) async throws -> Bool {
        guard gate.due(now: env.clock.now(), drain: false) else { return false }
        var changed = 0
        for tenant in try await env.stores.tenants() {
            do {
                changed += try await sync(tenant).changed
            } catch {
                env.logger.error("status sync failed", metadata: ["tenant": "\(tenant.id)", "error": "\(error)"])
            }
        }
        _ = try await env.stores.purgeWorkflowExecutions(expiredBefore: env.clock.now())
        return false
    }

    /// What one tenant's sync did.
    public struct Report: Sendable, Codable, Hashable {
        public var tenant: String
        public var listed: Int
        public var inserted: Int
        public var updated: Int
        public var deleted: Int
        public var fetched: Int
        public var changed: Int { inserted + updated + deleted }
    }

    /// Syncs one tenant now.
    public func sync(_ tenant: TenantRecord) async throws -> Report {
        let now = env.clock.now()
        let client = try env.clients.client(for: tenant)
        let lookback = Self.midnight(before: now.addingTimeInterval(-Double(tenant.lookbackHours) * 3600))
        // The store first, then the API: an execution the consumer records in between is then
        // listed by the API (it was submitted before it was recorded) and never taken for one
        // the API no longer has. The other order marked it DELETED, freeing its slot while it
        // still ran, and the consumer went over the cap.
        let local = try await env.stores.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant.id, createdSince: lookback))
        let remote = try await client.executions(createdSince: Self.text(lookback))
        let known = Dictionary(local.map { ($0.workflowExecutionId, $0) }) { first, _ in first }
        var report = Report(tenant: tenant.id, listed: remote.count, inserted: 0, updated: 0, deleted: 0, fetched: 0)
        var writes: [WorkflowExecutionRecord] = []
        var found: [WorkflowExecutionRecord] = []
        var seen = Set<String>()
        for execution in remote {
            seen.insert(execution.workflowExecutionId)
            var fresh = execution.record(tenant: tenant.id, submittedBy: .outside, retentionDays: tenant.retentionDays, now: now)
            if let old = known[execution.workflowExecutionId] {
                guard old.status != fresh.status || old.lastUpdatedTime != fresh.lastUpdatedTime || old.statusReason != fresh.statusReason else { continue }
                fresh.submittedBy = old.submittedBy
                fresh.timeWindowStart = old.timeWindowStart ?? fresh.timeWindowStart
                fresh.timeWindowEnd = old.timeWindowEnd ?? fresh.timeWindowEnd
                fresh.timeWindowTimeZone = old.timeWindowTimeZone ?? fresh.timeWindowTimeZone
                writes.append(fresh)
                report.updated += 1
                if old.status != fresh.status { tell(old: old.status, fresh) }
            } else {
                found.append(fresh)
            }
        }
        for old in local where !seen.contains(old.workflowExecutionId) && old.status != .deleted {
            var gone = old
            gone.status = .deleted
            gone.lastUpdatedTime = now
            gone.statusReason = "no longer listed by the API"
            writes.append(gone)
            report.deleted += 1
            tell(old: old.status, gone)
        }
        // Older executions still unfinished: fetched one by one.
        let older = try await env.stores.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant.id))
            .filter { $0.createTime < lookback && $0.status.isUnfinished }
        for old in older {
            report.fetched += 1
            if let execution = try await client.execution(id: old.workflowExecutionId) {
                var fresh = execution.record(tenant: tenant.id, submittedBy: old.submittedBy, retentionDays: tenant.retentionDays, now: now)
                guard fresh.status != old.status || fresh.lastUpdatedTime != old.lastUpdatedTime else { continue }
                fresh.timeWindowStart = old.timeWindowStart
                fresh.timeWindowEnd = old.timeWindowEnd
                fresh.timeWindowTimeZone = old.timeWindowTimeZone
                writes.append(fresh)
                report.updated += 1
                if old.status != fresh.status { tell(old: old.status, fresh) }
            } else {
                var gone = old
                gone.status = .deleted
                gone.lastUpdatedTime = now
                writes.append(gone)
                report.deleted += 1
                tell(old: old.status, gone)
            }
        }
        // Executions first seen here are inserted only where nothing is stored: the consumer may
        // have recorded one it submitted while this sync listed the API, and what it wrote (who
        // submitted it, the window as sent) stays.
        let inserted = try await env.stores.insertWorkflowExecutionsIfAbsent(found)
        for record in found where inserted.contains(record.workflowExecutionId) {
            report.inserted += 1
            tell(old: nil, record)
        }
        try await env.stores.saveWorkflowExecutions(writes)
        var updatedTenant = tenant
        updatedTenant.lastSyncedAt = now
        try await env.stores.putTenant(updatedTenant)
        return report
    }

    /// Tells a status change that is not routine.
    private func tell(old: WorkflowExecutionStatus?, _ record: WorkflowExecutionRecord) {
        let routine = env.wfm.notify?.routine ?? WFMNotifyConfig().routine
        guard !routine.contains(record.status.rawValue) else { return }
        let change = WorkflowStatusChange(
            tenant: record.tenant, workflowId: record.workflowId, workflowExecutionId: record.workflowExecutionId, oldStatus: old?.rawValue,
            newStatus: record.status.rawValue, reason: record.statusReason, at: env.clock.now())
        env.onStatusChange?(change)
        let events = env.events
        let event = EventRecord(
            id: env.ids.next(), at: change.at, kind: "wfm.status-change",
            message: "\(record.workflowId) Execution \(record.status.rawValue)",
            details: ["tenant": record.tenant, "execution": record.workflowExecutionId, "old": old?.rawValue ?? "", "new": record.status.rawValue])
        Task { try? await events.recordEvent(event) }
    }

    /// The start of the UTC day of `date`.
    static func midnight(before date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `yyyy-MM-ddTHH:mm:ss` in UTC (AMC's `minCreationTime`, no zone).
    static func text(_ date: Date) -> String {
        LocalTimestamp.format(date, in: LocalTimestamp.utc)
    }
}
