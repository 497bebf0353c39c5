import Foundation
import LakeCore

extension WorkflowManager {
    /// Saves library items and deploys them at once to every matching tenant. Returns what
    /// happened on each tenant; a tenant whose API fails keeps the workflow PENDING and
    /// `lake run` retries it.
    public func putLibrary(_ items: [LibraryItem]) async throws -> [LibraryAction] {
        for item in items { try await env.stores.putLibraryItem(item) }
        return try await syncLibrary(tenant: nil, only: Set(items.map(\.workflowId)), dryRun: false)
    }

    /// Marks an item removed and removes its deployed copies and schedules where the tenants'
    /// flags allow. The tombstone stays, so later syncs and new tenants honour it.
    public func removeLibraryItem(_ workflowId: String) async throws -> [LibraryAction] {
        guard var item = try await env.stores.libraryItem(workflowId: workflowId), !item.removed else {
            let known = try await env.stores.libraryItems().filter { !$0.removed }.map(\.workflowId)
            throw LakeError(
                .notFound, "the library has no workflow '\(workflowId)'", hint: known.isEmpty ? "it is empty" : "items: " + known.joined(separator: ", "),
                context: ["workflow": workflowId])
        }
        item.removed = true
        item.updatedAt = env.clock.now()
        try await env.stores.putLibraryItem(item)
        return try await syncLibrary(tenant: nil, only: [workflowId], dryRun: false)
    }

    /// Items in the library (tombstones left out unless asked for).
    public func libraryItems(includingRemoved: Bool = false) async throws -> [LibraryItem] {
        try await env.stores.libraryItems().filter { includingRemoved || !$0.removed }
    }

    /// Brings tenants (one, or all) in line with the library: what differs, applied unless
    /// `dryRun`. `only` limits it to some items.
    public func syncLibrary(tenant id: String?, only: Set<String>? = nil, dryRun: Bool) async throws -> [LibraryAction] {
        let tenants: [TenantRecord]
        if let id { tenants = [try await tenant(id)] } else { tenants = try await env.stores.tenants() }
        let items = try await env.stores.libraryItems().filter { only?.contains($0.workflowId) ?? true }
        guard !items.isEmpty else { return [] }
        let schedules = try await env.stores.schedules()
        var actions: [LibraryAction] = []
        for tenant in tenants.sorted(by: { $0.id < $1.id }) {
            let workflows = try await env.stores.workflows(tenant: tenant.id)
            let steps = try LibraryPlan.steps(for: tenant, items: items, workflows: workflows, schedules: schedules.filter { $0.tenant == tenant.id })
            for step in steps {
                if dryRun || step.action.outcome == LibraryAction.Outcome.skipped {
                    actions.append(step.action)
                } else {
                    actions.append(await apply(step, tenant: tenant))
                }
            }
        }
        return actions
    }

    private func apply(_ step: LibraryPlan.Step, tenant: TenantRecord) async -> LibraryAction {
        var action = step.action
        do {
            switch action.action {
            case .deploy, .update:
                guard let body = step.body else { return action }
                let saved = try await putWorkflows(tenant: tenant.id, bodies: [body])
                if let record = saved.first, record.syncState != .synced {
                    action.outcome = .pending
                    action.detail = "the API did not take it yet (`lake run` retries): " + (record.syncError ?? "")
                    return action
                }
            case .removeWorkflow:
                let record = try await deleteWorkflow(tenant: tenant.id, workflowId: action.target)
                if record.syncState != .synced {
                    action.outcome = .pending
                    action.detail = "the API did not delete it yet (`lake run` retries): " + (record.syncError ?? "")
                    return action
                }
            case .schedule:
                guard let item = step.item, let schedule = item.defaultSchedule else { return action }
                let payload = try JSONDecoder().decode([String: ConfigValue].self, from: Data(schedule.payload.utf8))
                _ = try await putSchedule(name: action.target, tenant: tenant.id, workflowId: item.deployedId, expression: schedule.expression, payload: payload)
            case .removeSchedule:
                try await deleteSchedule(action.target)
            case .skip:
                return action
            }
            action.outcome = .applied
        } catch {
            action.outcome = .failed
            action.detail = (error as? LakeError)?.message ?? "\(error)"
        }
        return action
    }
}
