import Foundation
import LakeCore
import LakeEngine
import LakeWorkflows

/// Retries the provisioning of tenants whose last provisioning failed (the step is on their
/// record), every 30 seconds while `lake run` runs.
struct TenantProvisionRetrier: LakeService {
    let name = "wfm-tenant-provisioning"
    let provisioner: TenantProvisioner
    let gate = IntervalGate(.seconds(30))

    func step(drain: Bool) async throws -> Bool {
        guard gate.due(now: provisioner.env.clock.now(), drain: false) else { return false }
        for tenant in try await provisioner.manager.env.stores.tenants() where tenant.provisionFailure != nil {
            let steps = await provisioner.provision(tenant)
            if let failed = steps.last, failed.status == .failed {
                provisioner.env.logger.warning("tenant \(tenant.id): provisioning step \(failed.step) failed again: \(failed.detail ?? "")")
            }
        }
        return false
    }
}
