import Foundation
import LakeCore
import LakeWorkflows

extension LakeRuntime {
    /// Saves and provisions WFM tenants from their TPS records (`lake wfm tenants put`): each
    /// tenant's steps in order; a failed step ends that tenant's run and is retried by `lake run`.
    public func putTenants(_ records: [TenantRecord]) async throws -> [TenantProvisionStep] {
        try requireWritable("provision tenants")
        let provisioner = try tenantProvisioner()
        var steps: [TenantProvisionStep] = []
        for record in records { steps += await provisioner.provision(record) }
        return steps
    }

    /// Removes a tenant's queues, landing route and record; with `purge` its workflows,
    /// schedules and unrouted landed files too.
    public func removeTenant(_ id: String, purge: Bool) async throws -> [TenantProvisionStep] {
        try requireWritable("remove a tenant")
        return try await tenantProvisioner().remove(id, purge: purge)
    }

    /// The workflow manager, or a `.usage` error saying how to get one.
    public func requireWorkflows() throws -> WorkflowManager {
        guard let workflows else {
            throw LakeError(.usage, "this lake runs no workflow manager", hint: "add `wfm: {}` to lake.yaml (and run `lake aws bootstrap` on AWS)")
        }
        return workflows
    }

    private func tenantProvisioner() throws -> TenantProvisioner {
        TenantProvisioner(manager: try requireWorkflows(), env: env, declared: declaredConfig, backend: backend)
    }
}
