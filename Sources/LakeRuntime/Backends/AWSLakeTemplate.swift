import LakeAWS
import LakeCore
import LakeEngine
import LakeWorkflows

/// The CloudFormation of a lake.yaml (`lake aws template`): the bootstrap plan
/// (``AWSLakePlan``) with each queue and database given to the team or dataset that owns it,
/// read from the same ``Topology`` the engine runs.
enum AWSLakeTemplate {
    /// The synthesis input for `config` on `storage`, the worker role trusting `worker`.
    static func spec(config: LakeConfig, storage: AWSStorageConfig, kinds: PipelineKindRegistry, worker: AWSWorkerTrust, tuning: EngineTuning = EngineTuning()) throws
        -> AWSTemplateSpec
    {
        let layout = try S3ZoneLayout(config: storage, org: config.org, app: config.app, environment: config.environment)
        let tables = DynamoMetadataTables(environment: config.environment)
        let plan = try AWSLakePlan.make(config: config, kinds: kinds, layout: layout, tables: tables, tuning: AWSBackend.tuning(tuning))
        let topology = Topology(config: config, kinds: kinds)
        let naming = CatalogNaming(config: config)
        var teamNames = config.teams.map(\.name)
        for dataset in config.datasets where !teamNames.contains(dataset.team) { teamNames.append(dataset.team) }
        let teams = try teamNames.sorted().map { team -> AWSTemplateTeam in
            let queues = topology.stageA.filter { $0.team == team }.flatMap { unit in [unit.deadLetter] + unit.queues.map(\.queue) }
            let datasets = try topology.sortedDatasets.filter { $0.ref.team == team }.map { unit -> AWSTemplateDataset in
                var databases = [naming.analyticsDatabase(unit.ref)]
                if unit.config.tables.contains(where: { $0.raw != nil }) { databases.append(naming.rawDatabase(unit.ref)) }
                let jobs = unit.stageBTransform == "glue-job"
                    ? [try GlueJobSettings(options: unit.stageBOptions).jobName(environment: config.environment, dataset: unit.ref)] : []
                return AWSTemplateDataset(
                    name: unit.ref.dataset, queues: unit.hasStageB ? [unit.stageBDeadLetter] + unit.stageBQueues.map(\.queue) : [],
                    databases: databases, glueJobs: jobs)
            }
            let teamRole = GlueJobSettings.defaultRole(environment: config.environment, team: team)
            let makesTeamRole = plan.actions.contains { if case .createJob(let job) = $0 { return job.role == teamRole } else { return false } }
            let topics = config.teams.first { $0.name == team }?.notify?.snsTopicArn.map { [$0] } ?? []
            return AWSTemplateTeam(
                name: team, queues: queues, notificationTopics: topics,
                databasePrefix: CatalogDatabase.teamPrefix(org: config.org, app: config.app, environment: config.environment, team: team),
                datasets: datasets, glueJobRole: makesTeamRole ? teamRole : nil)
        }
        let keyArn = storage.kmsKeyId.flatMap { $0.hasPrefix("arn:") ? $0 : nil }
        return AWSTemplateSpec(
            environment: config.environment, layout: layout, plan: plan, teams: teams, worker: worker,
            runtimeTables: DynamoQualityTables(environment: config.environment).specs, objectKeyArn: keyArn,
            workflowQueuePrefix: config.wfm.map { _ in WorkflowEnvironment.queuePrefix(environment: config.environment) },
            lakeTopics: config.wfm?.notify?.snsTopicArn.map { [$0] } ?? [])
    }
}
