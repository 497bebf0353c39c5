import Foundation

extension LakeConfig {
    /// The pipeline a provisioned tenant's dataset runs when lake.yaml does not define the
    /// dataset: `wfm.tenant_pipeline`, else the first standard pipeline, else the first.
    public var tenantPipeline: PipelineConfig? {
        if let name = wfm?.tenantPipeline { return pipeline(named: name) }
        return pipelines.first { $0.type == StandardPipelineKind().name } ?? pipelines.first
    }

    /// This configuration with the teams and datasets of provisioned tenants added where lake.yaml
    /// does not define them, so their landed results route like any other dataset's. Tenants
    /// whose dataset lake.yaml defines change nothing; without a pipeline nothing is added.
    public func addingTenantDatasets(_ tenants: [TenantRecord]) -> LakeConfig {
        guard let pipeline = tenantPipeline else { return self }
        var config = self
        for tenant in tenants.sorted(by: { $0.id < $1.id }) {
            let ref = tenant.landingRef
            if config.team(named: ref.team) == nil { config.teams.append(TeamConfig(name: ref.team, description: "WFM tenant \(tenant.id)")) }
            if config.dataset(ref) == nil { config.datasets.append(DatasetConfig(name: ref.dataset, team: ref.team, pipeline: pipeline.name)) }
        }
        return config
    }
}
