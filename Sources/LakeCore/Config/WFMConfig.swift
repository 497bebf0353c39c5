import Foundation

/// lake.yaml's `wfm:` section: the workflow manager's timing, notifications, the tenants
/// declared in the file and the team whose name prefixes its AWS tables.
public struct WFMConfig: Sendable, Hashable {
    /// How often the consumer submits queued requests (at least 1 s).
    public var consumerInterval: Duration
    /// How often statuses are synced from each tenant's API (at least 1 s).
    public var syncInterval: Duration
    /// A schedule due within this long before a restart still fires once after it.
    public var catchUp: Duration
    public var notify: WFMNotifyConfig?
    /// Tenant records declared in lake.yaml (TPS shape), refreshed at every start.
    public var tenants: [ConfigValue]
    /// The team in the AWS table names `wfm-<team>-...-<env>`.
    public var team: String
    /// The pipeline of a provisioned tenant's dataset when lake.yaml does not define it
    /// (`tenant_pipeline`; nil: the first standard pipeline).
    public var tenantPipeline: String?

    public init(
        consumerInterval: Duration = .seconds(60), syncInterval: Duration = .seconds(600), catchUp: Duration = .seconds(3600),
        notify: WFMNotifyConfig? = nil, tenants: [ConfigValue] = [], team: String = "wfm", tenantPipeline: String? = nil
    ) {
        self.tenantPipeline = tenantPipeline
        self.consumerInterval = consumerInterval
        self.syncInterval = syncInterval
        self.catchUp = catchUp
        self.notify = notify
        self.tenants = tenants
        self.team = team
    }
}

/// Where status changes of workflow executions are told: a webhook and/or an SNS topic, for
/// every status except the routine ones (`routine`, default PENDING, RUNNING, PUBLISHING,
/// SUCCEEDED).
public struct WFMNotifyConfig: Sendable, Hashable {
    public var webhook: String?
    public var snsTopicArn: String?
    public var routine: [String]
    public init(webhook: String? = nil, snsTopicArn: String? = nil, routine: [String] = ["PENDING", "RUNNING", "PUBLISHING", "SUCCEEDED"]) {
        self.webhook = webhook
        self.snsTopicArn = snsTopicArn
        self.routine = routine
    }
}
