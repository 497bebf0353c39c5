import LakeCore

extension ConfigParser {
    static let wfmKeys = ["consumer_interval", "sync_interval", "catch_up", "notify", "tenants", "team", "tenant_pipeline"]
    static let wfmNotifyKeys = ["webhook", "sns_topic_arn", "routine"]

    /// `wfm: {consumer_interval: 1m, sync_interval: 10m, catch_up: 1h, notify: {...}, tenants: [...], team: wfm}`.
    func parseWFM(_ value: YAMLValue) -> WFMConfig {
        var wfm = WFMConfig()
        guard let fields = reader.fields(value, allowed: Self.wfmKeys) else { return wfm }
        if let item = fields.value("consumer_interval"), let d = reader.duration(item) { wfm.consumerInterval = d }
        if let item = fields.value("sync_interval"), let d = reader.duration(item) { wfm.syncInterval = d }
        if let item = fields.value("catch_up"), let d = reader.duration(item) { wfm.catchUp = d }
        if let item = fields.value("team"), let team = reader.string(item) { wfm.team = team }
        if let item = fields.value("tenant_pipeline"), let pipeline = reader.string(item) { wfm.tenantPipeline = pipeline }
        if let item = fields.value("notify"), let notify = reader.fields(item, allowed: Self.wfmNotifyKeys) {
            var config = WFMNotifyConfig()
            config.webhook = notify.value("webhook").flatMap(reader.string)
            config.snsTopicArn = notify.value("sns_topic_arn").flatMap(reader.string)
            if let routine = notify.value("routine") {
                let statuses = WorkflowExecutionStatus.allCases.map(\.rawValue)
                config.routine = (reader.list(routine) ?? []).compactMap { reader.choice($0, statuses, what: "status") }
            }
            wfm.notify = config
        }
        if let item = fields.value("tenants") { wfm.tenants = (reader.list(item) ?? []).map(reader.configValue) }
        return wfm
    }
}
