import LakeCore

/// What the CloudFormation templates of a lake are synthesized from: the bootstrap plan (so a
/// template and `lake aws bootstrap` create the same resources under the same names, from the
/// same code), which team and dataset own which queues and databases, and the choices only a
/// template makes (the worker role's trust).
public struct AWSTemplateSpec: Sendable {
    /// The lake's environment.
    public var environment: String
    /// The buckets and zone prefixes.
    public var layout: S3ZoneLayout
    /// What `lake aws bootstrap` would do; every step becomes template resources.
    public var plan: AWSBootstrapPlan
    /// The teams, each with its datasets. A queue or database no team or dataset owns lives
    /// in the foundations stack.
    public var teams: [AWSTemplateTeam]
    /// Who may assume the worker role.
    public var worker: AWSWorkerTrust
    /// Tables the runtime creates when first needed (the data-quality store's): declared here
    /// so a worker never needs `dynamodb:CreateTable`.
    public var runtimeTables: [DynamoTableSpec]
    /// `storage.kms_key_id`, when it is a key ARN: objects are written with it, so the worker
    /// may use it too.
    public var objectKeyArn: String?
    /// The start of the workflow manager's per-tenant queue names (`lake-<env>-wfm-`) when
    /// lake.yaml has `wfm:`; tenants come and go at run time, so these are granted by prefix.
    public var workflowQueuePrefix: String?
    /// SNS topics the lake itself notifies (the workflow manager's `wfm.notify`).
    public var lakeTopics: [String]

    /// Creates a spec.
    public init(
        environment: String, layout: S3ZoneLayout, plan: AWSBootstrapPlan, teams: [AWSTemplateTeam], worker: AWSWorkerTrust,
        runtimeTables: [DynamoTableSpec] = [], objectKeyArn: String? = nil, workflowQueuePrefix: String? = nil, lakeTopics: [String] = []
    ) {
        self.environment = environment
        self.layout = layout
        self.plan = plan
        self.teams = teams
        self.worker = worker
        self.runtimeTables = runtimeTables
        self.objectKeyArn = objectKeyArn
        self.workflowQueuePrefix = workflowQueuePrefix
        self.lakeTopics = lakeTopics
    }
}

/// A team of the lake and what its stack holds.
public struct AWSTemplateTeam: Sendable, Hashable {
    /// The team's name.
    public var name: String
    /// Its pipelines' stage-A queues and their dead-letter queues.
    public var queues: [QueueName]
    /// The SNS topics its notifications go to (`teams.<t>.notify.sns_topic_arn`).
    public var notificationTopics: [String]
    /// `<org>_<app>_<env>_<team>_`: the start of its Glue databases' names, which its
    /// permissions boundary allows.
    public var databasePrefix: String
    /// Its datasets.
    public var datasets: [AWSTemplateDataset]
    /// The role its stack creates for the Glue jobs of its datasets that name no other
    /// (`lake-<env>-<team>-glue`); nil when no such job is made.
    public var glueJobRole: String?

    /// Creates a team.
    public init(
        name: String, queues: [QueueName], notificationTopics: [String] = [], databasePrefix: String, datasets: [AWSTemplateDataset],
        glueJobRole: String? = nil
    ) {
        self.glueJobRole = glueJobRole
        self.name = name
        self.queues = queues
        self.notificationTopics = notificationTopics
        self.databasePrefix = databasePrefix
        self.datasets = datasets
    }
}

/// A dataset of the lake and what its stack holds.
public struct AWSTemplateDataset: Sendable, Hashable {
    /// The dataset's name.
    public var name: String
    /// Its stage-B queues and their dead-letter queue (none for stage-A-only pipelines).
    public var queues: [QueueName]
    /// Its Glue databases: analytics (created by the stack) and raw (created by the partition
    /// job when a raw table first needs it).
    public var databases: [String]
    /// The Glue jobs its stage B runs (`glue-job`), which the worker may start, read and stop.
    public var glueJobs: [String]

    /// Creates a dataset.
    public init(name: String, queues: [QueueName], databases: [String], glueJobs: [String] = []) {
        self.glueJobs = glueJobs
        self.name = name
        self.queues = queues
        self.databases = databases
    }
}
