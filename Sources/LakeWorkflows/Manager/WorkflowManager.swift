import Foundation
import LakeCore
import Logging

/// The workflow manager's use cases: tenants and workflows (applied to each tenant's API at
/// once), execution requests (resolved and queued, never sent straight to the API), schedules,
/// and the read views. The services (consumer, scheduler, status sync) run on top of it.
public struct WorkflowManager: Sendable {
    public let env: WorkflowEnvironment

    public init(env: WorkflowEnvironment) { self.env = env }

    // MARK: Tenants

    /// Saves tenants (and creates their queues). A record for an existing tenant replaces it,
    /// keeping its last sync time.
    public func putTenants(_ tenants: [TenantRecord]) async throws {
        for var tenant in tenants {
            if let existing = try await env.stores.tenant(id: tenant.id) { tenant.lastSyncedAt = existing.lastSyncedAt }
            try await env.createQueues(for: tenant.id)
            try await env.stores.putTenant(tenant)
        }
    }

    /// The tenant, or `.notFound` listing those there are.
    public func tenant(_ id: String) async throws -> TenantRecord {
        if let tenant = try await env.stores.tenant(id: id) { return tenant }
        let known = try await env.stores.tenants().map(\.id)
        throw LakeError(
            .notFound, "no tenant '\(id)'", hint: known.isEmpty ? "add one with `lake wfm tenants put FILE`" : "tenants: " + known.joined(separator: ", "),
            context: ["tenant": id])
    }

    /// Removes a tenant's record (its queues, workflows and history stay).
    public func removeTenant(_ id: String) async throws {
        _ = try await tenant(id)
        try await env.stores.deleteTenant(id: id)
    }

    // MARK: Workflows

    /// Saves workflow bodies for `tenant` and applies each to its API now (create, or update
    /// when it exists). Every record of the batch is handled; one that fails is kept PENDING with
    /// the error, and `lake run` retries it. Returns the records as saved.
    public func putWorkflows(tenant id: String, bodies: [[String: ConfigValue]]) async throws -> [WorkflowRecord] {
        let tenant = try await tenant(id)
        var saved: [WorkflowRecord] = []
        for body in bodies {
            guard let workflowId = body["workflowId"]?.stringValue, !workflowId.isEmpty else {
                throw LakeError(.usage, "a workflow body needs a workflowId", hint: "each item: {\"workflowId\": ..., \"sqlQuery\": ...}")
            }
            guard body["sqlQuery"]?.stringValue != nil else {
                throw LakeError(.usage, "workflow \(workflowId) needs a sqlQuery", context: ["workflow": workflowId])
            }
            let text = String(decoding: try JSONEncoder.sorted.encode(body), as: UTF8.self)
            var record = WorkflowRecord(tenant: tenant.id, workflowId: workflowId, body: text, updatedAt: env.clock.now())
            record = await sync(record, tenant: tenant)
            try await env.stores.putWorkflow(record)
            saved.append(record)
        }
        return saved
    }

    /// Deletes a workflow here and from the tenant's API (retried by `lake run` when the API fails).
    public func deleteWorkflow(tenant id: String, workflowId: String) async throws -> WorkflowRecord {
        let tenant = try await tenant(id)
        guard var record = try await env.stores.workflow(tenant: id, id: workflowId) else {
            throw LakeError(.notFound, "tenant \(id) has no workflow '\(workflowId)'", hint: "`lake wfm workflows list --tenant \(id)`")
        }
        record.syncState = .deleting
        record = await sync(record, tenant: tenant)
        if record.syncState == .synced {
            try await env.stores.deleteWorkflow(tenant: id, id: workflowId)
        } else {
            try await env.stores.putWorkflow(record)
        }
        return record
    }

    /// Applies one record to the tenant's API: a create-or-update, or a delete. Returns it
    /// marked SYNCED, or still PENDING/DELETING with the error.
    func sync(_ record: WorkflowRecord, tenant: TenantRecord) async -> WorkflowRecord {
        var record = record
        do {
            let client = try env.clients.client(for: tenant)
            if record.syncState == .deleting {
                do {
                    try await client.deleteWorkflow(id: record.workflowId)
                } catch let error as LakeError where error.code == .notFound {
                    // Already gone: done.
                }
            } else {
                let body = try JSONDecoder().decode([String: ConfigValue].self, from: Data(record.body.utf8))
                try await client.putWorkflow(body)
            }
            record.syncState = .synced
            record.syncError = nil
            record.syncedAt = env.clock.now()
        } catch {
            record.syncError = (error as? LakeError)?.message ?? "\(error)"
            env.logger.warning("workflow not synced", metadata: ["tenant": "\(tenant.id)", "workflow": "\(record.workflowId)", "error": "\(error)"])
        }
        return record
    }

    // MARK: Execution requests

    /// Resolves each payload's time expressions (in its `timeWindowTimeZone`) and queues it on the
    /// tenant's FIFO queue. Nothing is queued when any payload is bad. Returns the resolved payloads.
    public func queueExecutions(tenant id: String, payloads: [[String: ConfigValue]]) async throws -> [[String: ConfigValue]] {
        let tenant = try await tenant(id)
        let now = env.clock.now()
        let resolved = try payloads.map { try ExecutionRequest.resolve($0, now: now) }
        let (queue, _) = env.queue(of: tenant.id)
        try await env.createQueues(for: tenant.id)
        let messages = try resolved.map { payload -> OutgoingMessage in
            let body = String(decoding: try JSONEncoder.sorted.encode(payload), as: UTF8.self)
            return OutgoingMessage(body: body, groupId: "amcworkflows", deduplicationId: StableID.make("wfm", tenant.id, body))
        }
        _ = try await env.queues.sendAll(messages, to: queue)
        return resolved
    }

    // MARK: Schedules

    /// Saves a schedule; its expression must parse. A new schedule fires at its next due time
    /// (not for one that passed before it existed).
    public func putSchedule(name: String, tenant id: String, workflowId: String, expression: String, payload: [String: ConfigValue]) async throws -> ScheduleRecord {
        _ = try await tenant(id)
        _ = try ScheduleExpression.parse(expression)
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw LakeError(.usage, "schedule name '\(name)' is invalid", hint: "use 1-64 letters, digits, '_' or '-'")
        }
        var body = payload
        body["workflowId"] = .string(workflowId)
        _ = try ExecutionRequest.resolve(body, now: env.clock.now())
        let now = env.clock.now()
        var record = ScheduleRecord(
            name: name, tenant: id, workflowId: workflowId, expression: expression,
            payload: String(decoding: try JSONEncoder.sorted.encode(body), as: UTF8.self), updatedAt: now)
        if let existing = try await env.stores.schedule(name: name) {
            record.lastFired = existing.lastFired
            record.enabled = existing.enabled
        } else {
            record.lastFired = now
        }
        try await env.stores.putSchedule(record)
        return record
    }

    /// Enables or disables a schedule.
    public func setScheduleEnabled(_ name: String, enabled: Bool) async throws -> ScheduleRecord {
        guard var schedule = try await env.stores.schedule(name: name) else { throw unknownSchedule(name) }
        schedule.enabled = enabled
        schedule.updatedAt = env.clock.now()
        try await env.stores.putSchedule(schedule)
        return schedule
    }

    public func deleteSchedule(_ name: String) async throws {
        guard try await env.stores.schedule(name: name) != nil else { throw unknownSchedule(name) }
        try await env.stores.deleteSchedule(name: name)
    }

    private func unknownSchedule(_ name: String) -> LakeError {
        LakeError(.notFound, "no schedule '\(name)'", hint: "`lake wfm schedules list` shows them", context: ["schedule": name])
    }
}

extension JSONEncoder {
    /// Sorted keys, so equal documents give equal text.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
