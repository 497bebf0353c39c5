import Foundation

/// A tenant of the workflow manager: one AMC instance (customer) with its API endpoint, how to
/// authenticate, its concurrency cap and how long statuses are looked back and kept. The TPS
/// fields (bucket, dataset, team, the orange account) tell provisioning where its results land.
public struct TenantRecord: Sendable, Hashable, Codable {
    /// How requests to the tenant's API authenticate.
    public struct Auth: Sendable, Hashable, Codable {
        /// `sigv4` (service `execute-api` in the tenant's region), `bearer` or `none`.
        public var kind: String
        /// For `bearer`: a file holding the token.
        public var tokenFile: String?
        /// For `bearer`: an environment variable holding the token.
        public var tokenEnv: String?
        /// Extra headers sent with every request (e.g. the Ads API's client and advertiser ids).
        public var headers: [String: String]
        public init(kind: String = "sigv4", tokenFile: String? = nil, tokenEnv: String? = nil, headers: [String: String] = [:]) {
            self.kind = kind
            self.tokenFile = tokenFile
            self.tokenEnv = tokenEnv
            self.headers = headers
        }
    }

    /// `customerId`: the tenant's id, named as teams are (`[a-z0-9]{2,12}`).
    public var id: String
    public var name: String
    public var prefix: String
    /// `ENDEMIC` or `NONDEMIC`.
    public var endemicType: String
    public var apiEndpoint: String
    public var region: String
    public var auth: Auth
    public var bucketName: String?
    public var datasetName: String?
    public var teamName: String?
    public var orangeAccount: String?
    public var maxConcurrent: Int
    public var lookbackHours: Int
    public var retentionDays: Int
    /// The workflow library flags (TPS).
    public var libraryNewContent: Bool
    public var libraryUpdates: Bool
    public var libraryScheduleCreation: Bool
    public var libraryRemoval: Bool
    public var libraryScheduleRemoval: Bool
    /// The provisioning step that failed last, with its error (nil once provisioning finished);
    /// `lake run` retries it, as does putting the record again.
    public var provisionFailure: TenantProvisionFailure?
    /// When the status sync last finished for this tenant.
    public var lastSyncedAt: Date?
    public var updatedAt: Date

    public init(
        id: String, name: String? = nil, prefix: String? = nil, endemicType: String = "ENDEMIC", apiEndpoint: String, region: String = "us-east-1",
        auth: Auth = Auth(), maxConcurrent: Int = 10, lookbackHours: Int = 72, retentionDays: Int = 90, updatedAt: Date
    ) {
        self.id = id
        self.name = name ?? id
        self.prefix = prefix ?? id
        self.endemicType = endemicType
        self.apiEndpoint = apiEndpoint
        self.region = region
        self.auth = auth
        self.bucketName = nil
        self.datasetName = nil
        self.teamName = nil
        self.orangeAccount = nil
        self.maxConcurrent = maxConcurrent
        self.lookbackHours = lookbackHours
        self.retentionDays = retentionDays
        self.libraryNewContent = true
        self.libraryUpdates = true
        self.libraryScheduleCreation = true
        self.libraryRemoval = true
        self.libraryScheduleRemoval = true
        self.lastSyncedAt = nil
        self.provisionFailure = nil
        self.updatedAt = updatedAt
    }
}

extension TenantRecord {
    /// The team whose raw zone the tenant's landed results go to (`amcTeamName`, default the
    /// customer id).
    public var landingTeam: String { teamName ?? id }
    /// The dataset they go to (`amcDatasetName`, default `amcdataset`).
    public var landingDataset: String { datasetName ?? "amcdataset" }
    public var landingRef: DatasetRef { DatasetRef(team: landingTeam, dataset: landingDataset) }

    /// The record without the fields that change by themselves (times, sync and provisioning
    /// state): two puts of the same document compare equal.
    public var definition: TenantRecord {
        var copy = self
        copy.updatedAt = Date(timeIntervalSince1970: 0)
        copy.lastSyncedAt = nil
        copy.provisionFailure = nil
        return copy
    }
}

/// A provisioning step that failed: which, why and when.
public struct TenantProvisionFailure: Sendable, Hashable, Codable {
    public var step: String
    public var error: String
    public var at: Date
    public init(step: String, error: String, at: Date) {
        self.step = step
        self.error = error
        self.at = at
    }
}
