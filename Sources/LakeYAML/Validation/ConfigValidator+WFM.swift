import Foundation
import LakeCore

extension ConfigValidator {
    /// `wfm:`: intervals of at least a second, the team name, notification targets, and every
    /// tenant record as `lake wfm tenants put` would read it.
    mutating func checkWFM() {
        guard let wfm = config.wfm else { return }
        for (key, value) in [("consumer_interval", wfm.consumerInterval), ("sync_interval", wfm.syncInterval)] where value < .seconds(1) {
            report("wfm.\(key)", "\(key) must be at least 1s, not \(DurationText.format(value))")
        }
        if !LakeNames.isValidTeam(wfm.team) {
            report("wfm.team", "team '\(wfm.team)' is invalid", hint: NameRules.hint(for: wfm.team, length: 2...12))
        }
        if let webhook = wfm.notify?.webhook, URL(string: webhook)?.host == nil || !webhook.lowercased().hasPrefix("http") {
            report("wfm.notify.webhook", "'\(webhook)' is not an http(s) URL")
        }
        if let pipeline = wfm.tenantPipeline, config.pipeline(named: pipeline) == nil {
            report("wfm.tenant_pipeline", "no pipeline '\(pipeline)'", hint: "pipelines: " + config.pipelines.map(\.name).joined(separator: ", "))
        }
        var seen = Set<String>()
        for (index, tenant) in wfm.tenants.enumerated() {
            let path = "wfm.tenants[\(index)]"
            do {
                let record = try TenantDocument.parse(tenant, at: Date(timeIntervalSince1970: 0), label: "tenant \(index + 1)")
                if !seen.insert(record.id).inserted { report(path, "tenant '\(record.id)' is declared twice") }
            } catch {
                report(path, error.message, hint: error.hint)
            }
        }
    }
}
