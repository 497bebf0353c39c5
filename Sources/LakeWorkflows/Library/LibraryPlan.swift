import Foundation
import LakeCore

/// What the library asks of one tenant, given what the tenant has: pure, so the flags' rules
/// are tested without an API. Every item matching the tenant's filters is deployed as
/// `<workflowId>_v<version>` (new content needs `enableWorkflowLibraryNewContent`, a new version
/// or a changed body `enableWorkflowLibraryUpdates`), older versions are removed (with
/// `enableWorkflowLibraryRemoval`), the default schedule `wfm-<customerId>-<workflowId>` is
/// created (`enableWorkflowLibraryScheduleCreation`) or repointed (`...Updates`), and a removed
/// item's copies and schedule go (`...Removal`, `...ScheduleRemoval`).
struct LibraryPlan {
    /// One planned step, with what applying it needs.
    struct Step {
        var action: LibraryAction
        /// For deploy/update: the body to send.
        var body: [String: ConfigValue]?
        /// For schedule: the item.
        var item: LibraryItem?
    }

    static func steps(for tenant: TenantRecord, items: [LibraryItem], workflows: [WorkflowRecord], schedules: [ScheduleRecord]) throws -> [Step] {
        let byId = Dictionary(workflows.map { ($0.workflowId, $0) }, uniquingKeysWith: { a, _ in a })
        let scheduleByName = Dictionary(schedules.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var steps: [Step] = []
        for item in items where item.matches(tenant) {
            func step(_ kind: LibraryAction.Kind, _ target: String, _ outcome: LibraryAction.Outcome = .planned, _ detail: String? = nil) -> Step {
                Step(action: LibraryAction(tenant: tenant.id, workflowId: item.workflowId, target: target, action: kind, outcome: outcome, detail: detail))
            }
            let versions = workflows.map(\.workflowId).filter { isVersion($0, of: item.workflowId) && byId[$0]?.syncState != .deleting }.sorted()
            let scheduleName = item.scheduleName(tenant: tenant.id)
            if item.removed {
                for id in versions {
                    steps.append(tenant.libraryRemoval ? step(.removeWorkflow, id) : step(.skip, id, .skipped, "enableWorkflowLibraryRemoval is off"))
                }
                if scheduleByName[scheduleName] != nil {
                    steps.append(
                        tenant.libraryScheduleRemoval ? step(.removeSchedule, scheduleName) : step(.skip, scheduleName, .skipped, "enableWorkflowLibraryScheduleRemoval is off"))
                }
                continue
            }
            let deployed = item.deployedId
            var body = try JSONDecoder().decode([String: ConfigValue].self, from: Data(item.body.utf8))
            body["workflowId"] = .string(deployed)
            let text = String(decoding: try JSONEncoder.sorted.encode(body), as: UTF8.self)
            var present = true
            if let existing = byId[deployed], existing.syncState != .deleting {
                if existing.body != text {
                    if tenant.libraryUpdates {
                        var s = step(.update, deployed, .planned, "body changed")
                        s.body = body
                        steps.append(s)
                    } else {
                        steps.append(step(.skip, deployed, .skipped, "body changed; enableWorkflowLibraryUpdates is off"))
                    }
                }
            } else if versions.isEmpty {
                if tenant.libraryNewContent {
                    var s = step(.deploy, deployed)
                    s.body = body
                    steps.append(s)
                } else {
                    steps.append(step(.skip, deployed, .skipped, "new content; enableWorkflowLibraryNewContent is off"))
                    present = false
                }
            } else if tenant.libraryUpdates {
                var s = step(.update, deployed, .planned, "new version (was \(versions.joined(separator: ", ")))")
                s.body = body
                steps.append(s)
                for old in versions {
                    steps.append(tenant.libraryRemoval ? step(.removeWorkflow, old, .planned, "old version") : step(.skip, old, .skipped, "old version kept; enableWorkflowLibraryRemoval is off"))
                }
            } else {
                steps.append(step(.skip, deployed, .skipped, "new version; enableWorkflowLibraryUpdates is off"))
                present = false
            }
            guard present, let wanted = item.defaultSchedule else { continue }
            if let existing = scheduleByName[scheduleName] {
                let payload = try scheduledPayload(wanted, deployed: deployed)
                guard existing.workflowId != deployed || existing.expression != wanted.expression || existing.payload != payload else { continue }
                var s = tenant.libraryUpdates ? step(.schedule, scheduleName, .planned, "changed") : step(.skip, scheduleName, .skipped, "schedule changed; enableWorkflowLibraryUpdates is off")
                s.item = item
                steps.append(s)
            } else {
                var s = tenant.libraryScheduleCreation ? step(.schedule, scheduleName) : step(.skip, scheduleName, .skipped, "enableWorkflowLibraryScheduleCreation is off")
                s.item = item
                steps.append(s)
            }
        }
        return steps
    }

    /// Whether `id` is `<workflowId>_v<version>`.
    static func isVersion(_ id: String, of workflowId: String) -> Bool {
        let prefix = workflowId + "_v"
        guard id.hasPrefix(prefix) else { return false }
        let version = id.dropFirst(prefix.count)
        return !version.isEmpty && version.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
    }

    /// The schedule's payload as the schedule store keeps it (`putSchedule` adds the workflow id).
    static func scheduledPayload(_ schedule: LibraryItem.DefaultSchedule, deployed: String) throws -> String {
        var payload = try JSONDecoder().decode([String: ConfigValue].self, from: Data(schedule.payload.utf8))
        payload["workflowId"] = .string(deployed)
        return String(decoding: try JSONEncoder.sorted.encode(payload), as: UTF8.self)
    }
}
