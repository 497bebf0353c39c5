import Foundation
import LakeCore
import LakeEngine
import LakeWorkflows

/// Provisions a WFM tenant from its TPS record, idempotently, step by step: the record (with
/// WFM's defaults), its execution queue and DLQ, its landing route into the data lake, its team
/// and dataset in the registry (when lake.yaml does not define them), then the workflow library.
/// A step that fails stops the run and is written on the record (`provisionFailure`); `lake run`
/// retries it and putting the record again finishes it.
struct TenantProvisioner: Sendable {
    let manager: WorkflowManager
    /// The lake's environment (its config already carries the provisioned tenants' datasets).
    let env: LakeEnvironment
    /// lake.yaml as written, to tell defined datasets from provisioned ones.
    let declared: LakeConfig
    let backend: Backend

    /// Runs every step for `record`; returns each step's outcome, the failed one last.
    func provision(_ record: TenantRecord) async -> [TenantProvisionStep] {
        var steps: [TenantProvisionStep] = []
        var current = "record"
        do {
            steps.append(try await saveRecord(record))
            current = "queues"
            steps.append(try await queues(record))
            current = "landing"
            steps += try await landing(record)
            current = "dataset"
            steps.append(try await dataset(record))
            current = "library"
            let library = try await library(record)
            steps.append(library)
            if library.status == .failed { throw LakeError(.usage, library.detail ?? "the library did not deploy") }
            try await markFailure(nil, tenant: record.id)
        } catch {
            let message = (error as? LakeError)?.message ?? "\(error)"
            if steps.last?.step != current || steps.last?.status != .failed {
                steps.append(TenantProvisionStep(tenant: record.id, step: current, status: .failed, detail: message))
            }
            try? await markFailure(TenantProvisionFailure(step: current, error: message, at: env.clock.now()), tenant: record.id)
        }
        return steps
    }

    /// Removes a tenant's queues and landing route and its record; with `purge` also its
    /// workflows and schedules here, and its landing directory or bucket with what is in it.
    func remove(_ id: String, purge: Bool) async throws -> [TenantProvisionStep] {
        let tenant = try await manager.tenant(id)
        var steps: [TenantProvisionStep] = []
        let (queue, deadLetter) = manager.env.queue(of: id)
        let deleted = try await env.queues.deleteQueue(queue)
        _ = try await env.queues.deleteQueue(deadLetter)
        steps.append(TenantProvisionStep(tenant: id, step: "queues", status: deleted ? .removed : .exists, detail: deleted ? nil : "no queues"))
        steps += try await removeLanding(tenant, purge: purge)
        if purge {
            let schedules = try await manager.env.stores.schedules().filter { $0.tenant == id }
            for schedule in schedules { try await manager.env.stores.deleteSchedule(name: schedule.name) }
            let workflows = try await manager.env.stores.workflows(tenant: id)
            for workflow in workflows { try await manager.env.stores.deleteWorkflow(tenant: id, id: workflow.workflowId) }
            steps.append(TenantProvisionStep(
                tenant: id, step: "workflows", status: .removed, detail: "\(workflows.count) workflow(s), \(schedules.count) schedule(s) forgotten here (the API keeps its own)"))
        }
        try await manager.env.stores.deleteTenant(id: id)
        steps.append(TenantProvisionStep(
            tenant: id, step: "record", status: .removed,
            detail: purge ? nil : "workflows, schedules, execution history and landed data kept; --purge removes them"))
        return steps
    }

    // MARK: Steps

    private func saveRecord(_ record: TenantRecord) async throws -> TenantProvisionStep {
        let existing = try await manager.env.stores.tenant(id: record.id)
        var saved = record
        saved.lastSyncedAt = existing?.lastSyncedAt
        saved.provisionFailure = existing?.provisionFailure
        try await manager.env.stores.putTenant(saved)
        let status: TenantProvisionStep.Status = existing == nil ? .created : (existing?.definition == record.definition ? .exists : .updated)
        return TenantProvisionStep(
            tenant: record.id, step: "record", status: status,
            detail: "max \(record.maxConcurrent) concurrent, lookback \(record.lookbackHours)h, retention \(record.retentionDays)d")
    }

    private func queues(_ record: TenantRecord) async throws -> TenantProvisionStep {
        let (queue, deadLetter) = manager.env.queue(of: record.id)
        let existed = try await env.queues.options(of: queue) != nil
        try await manager.env.createQueues(for: record.id)
        return TenantProvisionStep(
            tenant: record.id, step: "queues", status: existed ? .exists : .created, detail: "\(queue) (DLQ \(deadLetter) after 5 receives)")
    }

    private func landing(_ record: TenantRecord) async throws -> [TenantProvisionStep] {
        switch backend {
        case .embedded(let lake):
            let directory = lake.layout.landing(tenant: record.id)
            let existed = FileManager.default.fileExists(atPath: directory.path)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw LakeError(.io, "cannot create \(directory.path)", hint: "check that the lake directory is writable", context: ["tenant": record.id])
            }
            return [TenantProvisionStep(
                tenant: record.id, step: "landing", status: existed ? .exists : .created,
                detail: "\(directory.path) -> raw \(record.landingTeam)/\(record.landingDataset)/")]
        case .aws(let lake, _):
            return try await AWSTenantLandingRoute(lake: lake, environment: env.config.environment).provision(record)
        }
    }

    private func removeLanding(_ tenant: TenantRecord, purge: Bool) async throws -> [TenantProvisionStep] {
        switch backend {
        case .embedded(let lake):
            let directory = lake.layout.landing(tenant: tenant.id)
            guard FileManager.default.fileExists(atPath: directory.path) else {
                return [TenantProvisionStep(tenant: tenant.id, step: "landing", status: .exists, detail: "no landing directory")]
            }
            let left = (FileManager.default.enumerator(atPath: directory.path)?.allObjects.count) ?? 0
            if purge || left == 0 {
                try FileManager.default.removeItem(at: directory)
                return [TenantProvisionStep(tenant: tenant.id, step: "landing", status: .removed, detail: purge && left > 0 ? "\(left) unrouted entries deleted" : nil)]
            }
            return [TenantProvisionStep(
                tenant: tenant.id, step: "landing", status: .kept, detail: "\(directory.path) still holds \(left) entries not routed yet; --purge deletes them")]
        case .aws(let lake, _):
            return try await AWSTenantLandingRoute(lake: lake, environment: env.config.environment).remove(tenant, purge: purge)
        }
    }

    private func dataset(_ record: TenantRecord) async throws -> TenantProvisionStep {
        let ref = record.landingRef
        if declared.dataset(ref) != nil {
            return TenantProvisionStep(tenant: record.id, step: "dataset", status: .exists, detail: "\(ref) is defined in lake.yaml")
        }
        let config = env.config.addingTenantDatasets([record])
        guard let dataset = config.dataset(ref) else {
            throw LakeError(.usage, "lake.yaml has no pipeline for the tenant's dataset \(ref)", hint: "add a standard pipeline, or set wfm.tenant_pipeline")
        }
        var setupEnv = env
        setupEnv.config = config
        let existed = try await env.metadata.dataset(id: ref.id) != nil
        try await LakeSetup.apply(setupEnv, topology: Topology(config: config, kinds: env.pipelineKinds))
        return TenantProvisionStep(
            tenant: record.id, step: "dataset", status: existed ? .exists : .created, detail: "\(ref) on pipeline \(dataset.pipeline) (registry)")
    }

    private func library(_ record: TenantRecord) async throws -> TenantProvisionStep {
        let actions = try await manager.syncLibrary(tenant: record.id, dryRun: false)
        let failed = actions.filter { $0.outcome == .failed }
        let applied = actions.filter { $0.outcome == .applied || $0.outcome == .pending }
        let skipped = actions.filter { $0.outcome == .skipped }.count
        if !failed.isEmpty {
            return TenantProvisionStep(
                tenant: record.id, step: "library", status: .failed,
                detail: failed.map { "\($0.target): \($0.detail ?? "failed")" }.joined(separator: "; "))
        }
        var parts = ["\(applied.count) change(s)"]
        if skipped > 0 { parts.append("\(skipped) held back by flags") }
        let pending = applied.filter { $0.outcome == .pending }.count
        if pending > 0 { parts.append("\(pending) waiting for the API (`lake run` retries)") }
        return TenantProvisionStep(tenant: record.id, step: "library", status: applied.isEmpty ? .exists : .updated, detail: parts.joined(separator: ", "))
    }

    private func markFailure(_ failure: TenantProvisionFailure?, tenant id: String) async throws {
        guard var tenant = try await manager.env.stores.tenant(id: id), tenant.provisionFailure != failure else { return }
        tenant.provisionFailure = failure
        try await manager.env.stores.putTenant(tenant)
    }
}
