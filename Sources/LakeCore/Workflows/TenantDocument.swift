import Foundation

/// Reads a tenant record in the TPS shape (`../shared/AMC-API.md`): `customerId`,
/// `customerName`, `customerPrefix`, `endemicType`, `AMC{amcApiEndpoint, amcRegion,
/// amcS3BucketName, amcDatasetName, amcTeamName, amcOrangeAwsAccount, auth, tokenFile, tokenEnv,
/// headers}`, `maximumConcurrentWorkflowExecutions`, `syncWorkflowStatuses{lookBackHours,
/// retentionDays}` and the five `enableWorkflowLibrary*` flags. Only `customerId` and
/// `AMC.amcApiEndpoint` are required; an unknown key is an error naming it.
public enum TenantDocument {
    static let keys: Set<String> = [
        "customerId", "customerName", "customerPrefix", "endemicType", "AMC", "maximumConcurrentWorkflowExecutions", "syncWorkflowStatuses",
        "enableWorkflowLibraryNewContent", "enableWorkflowLibraryUpdates", "enableWorkflowLibraryScheduleCreation",
        "enableWorkflowLibraryRemoval", "enableWorkflowLibraryScheduleRemoval",
    ]
    static let amcKeys: Set<String> = [
        "amcApiEndpoint", "amcRegion", "amcS3BucketName", "amcDatasetName", "amcTeamName", "amcOrangeAwsAccount", "auth", "tokenFile",
        "tokenEnv", "headers",
    ]

    /// One record, or a list of them, from JSON text.
    public static func parseList(_ data: Data, at now: Date) throws(LakeError) -> [TenantRecord] {
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch {
            throw LakeError(.usage, "the tenant file is not valid JSON", hint: "give one tenant record (an object) or a list of them")
        }
        switch value {
        case .array(let items): return try items.enumerated().map { (index, item) throws(LakeError) in try parse(item, at: now, label: "record \(index + 1)") }
        default: return [try parse(value, at: now, label: "the record")]
        }
    }

    /// One record from its JSON value.
    public static func parse(_ value: ConfigValue, at now: Date, label: String = "the tenant") throws(LakeError) -> TenantRecord {
        guard let object = value.objectValue else { throw LakeError(.usage, "\(label) must be a JSON object") }
        for key in object.keys.sorted() where !keys.contains(key) {
            throw LakeError(.usage, "\(label) has an unknown key '\(key)'", hint: "keys: " + keys.sorted().joined(separator: ", "))
        }
        guard let id = object["customerId"]?.stringValue, !id.isEmpty else { throw LakeError(.usage, "\(label) needs a customerId") }
        guard LakeNames.isValidTeam(id) else {
            throw LakeError(.usage, "customerId '\(id)' is invalid", hint: "use 2-12 lowercase letters or digits, as team names")
        }
        let amc = object["AMC"]?.objectValue ?? [:]
        for key in amc.keys.sorted() where !amcKeys.contains(key) {
            throw LakeError(.usage, "\(label) (\(id)) has an unknown AMC key '\(key)'", hint: "AMC keys: " + amcKeys.sorted().joined(separator: ", "))
        }
        guard let endpoint = amc["amcApiEndpoint"]?.stringValue, let url = URL(string: endpoint), url.host != nil,
              ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        else {
            throw LakeError(.usage, "tenant \(id) needs AMC.amcApiEndpoint, an http(s) URL", context: ["tenant": id])
        }
        var auth = TenantRecord.Auth(kind: amc["auth"]?.stringValue ?? "sigv4", tokenFile: amc["tokenFile"]?.stringValue, tokenEnv: amc["tokenEnv"]?.stringValue)
        guard ["sigv4", "bearer", "none"].contains(auth.kind) else {
            throw LakeError(.usage, "tenant \(id): AMC.auth must be sigv4, bearer or none, not '\(auth.kind)'")
        }
        if auth.kind == "bearer" && auth.tokenFile == nil && auth.tokenEnv == nil {
            throw LakeError(.usage, "tenant \(id): bearer auth needs AMC.tokenFile or AMC.tokenEnv", hint: "the token itself never goes in the record")
        }
        auth.headers = (amc["headers"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        let endemic = object["endemicType"]?.stringValue ?? "ENDEMIC"
        guard ["ENDEMIC", "NONDEMIC"].contains(endemic) else { throw LakeError(.usage, "tenant \(id): endemicType must be ENDEMIC or NONDEMIC") }
        var tenant = TenantRecord(
            id: id, name: object["customerName"]?.stringValue, prefix: object["customerPrefix"]?.stringValue, endemicType: endemic,
            apiEndpoint: endpoint, region: amc["amcRegion"]?.stringValue ?? "us-east-1", auth: auth, updatedAt: now)
        tenant.bucketName = amc["amcS3BucketName"]?.stringValue
        tenant.datasetName = amc["amcDatasetName"]?.stringValue
        tenant.teamName = amc["amcTeamName"]?.stringValue
        tenant.orangeAccount = amc["amcOrangeAwsAccount"]?.stringValue
        if let team = tenant.teamName, !LakeNames.isValidTeam(team) {
            throw LakeError(.usage, "tenant \(id): AMC.amcTeamName '\(team)' is invalid", hint: "use 2-12 lowercase letters or digits, as team names")
        }
        if let dataset = tenant.datasetName, !LakeNames.isValidDataset(dataset) {
            throw LakeError(.usage, "tenant \(id): AMC.amcDatasetName '\(dataset)' is invalid", hint: "use 2-14 lowercase letters or digits, as dataset names")
        }
        if let account = tenant.orangeAccount, account.count != 12 || !account.allSatisfy(\.isASCII) || !account.allSatisfy(\.isNumber) {
            throw LakeError(.usage, "tenant \(id): AMC.amcOrangeAwsAccount must be a 12-digit AWS account id, not '\(account)'")
        }
        if let max = object["maximumConcurrentWorkflowExecutions"] {
            guard let n = max.intValue, (1...200).contains(n) else { throw LakeError(.usage, "tenant \(id): maximumConcurrentWorkflowExecutions must be 1 to 200") }
            tenant.maxConcurrent = n
        }
        if let sync = object["syncWorkflowStatuses"]?.objectValue {
            if let hours = sync["lookBackHours"] {
                guard let n = hours.intValue, n >= 1 else { throw LakeError(.usage, "tenant \(id): lookBackHours must be a positive whole number") }
                tenant.lookbackHours = n
            }
            if let days = sync["retentionDays"] {
                guard let n = days.intValue, n >= 1 else { throw LakeError(.usage, "tenant \(id): retentionDays must be a positive whole number") }
                tenant.retentionDays = n
            }
        }
        func flag(_ key: String) throws(LakeError) -> Bool {
            guard let value = object[key] else { return true }
            guard let b = value.boolValue else { throw LakeError(.usage, "tenant \(id): \(key) must be true or false") }
            return b
        }
        tenant.libraryNewContent = try flag("enableWorkflowLibraryNewContent")
        tenant.libraryUpdates = try flag("enableWorkflowLibraryUpdates")
        tenant.libraryScheduleCreation = try flag("enableWorkflowLibraryScheduleCreation")
        tenant.libraryRemoval = try flag("enableWorkflowLibraryRemoval")
        tenant.libraryScheduleRemoval = try flag("enableWorkflowLibraryScheduleRemoval")
        return tenant
    }
}
