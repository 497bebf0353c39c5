import Foundation
import LakeCore
import LakeEngine

/// Retries workflows whose last sync to their tenant's API failed (PENDING, DELETING), every
/// consumer interval.
public struct WorkflowSyncRetrier: LakeService {
    public let name = "wfm-workflow-sync"
    let env: WorkflowEnvironment
    let gate: IntervalGate

    public init(env: WorkflowEnvironment) {
        self.env = env
        gate = IntervalGate(max(.seconds(1), env.wfm.consumerInterval))
    }

    public func step(drain: Bool) async throws -> Bool {
        guard gate.due(now: env.clock.now(), drain: false) else { return false }
        let manager = WorkflowManager(env: env)
        for record in try await env.stores.workflows(tenant: nil) where record.syncState != .synced {
            guard let tenant = try await env.stores.tenant(id: record.tenant) else { continue }
            let synced = await manager.sync(record, tenant: tenant)
            if synced.syncState == .synced && record.syncState == .deleting {
                try await env.stores.deleteWorkflow(tenant: record.tenant, id: record.workflowId)
            } else {
                try await env.stores.putWorkflow(synced)
            }
        }
        return false
    }
}
