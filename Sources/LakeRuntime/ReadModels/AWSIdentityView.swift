import Foundation

/// Who `lake` acts as on AWS (`lake aws whoami`): STS `GetCallerIdentity`, the credential
/// source the chain chose, the region and the STS endpoint. Never a secret: the access key id
/// is masked and neither the secret key nor the session token appear.
public struct AWSIdentityView: Sendable, Codable, Hashable {
    /// The 12-digit account.
    public var account: String
    /// The user's or assumed role's ARN.
    public var arn: String
    /// The unique id (`AIDA...`, `AROA...:session`).
    public var userId: String
    /// Where the credentials came from: `environment`, `web identity (role ..., token file ...)`,
    /// `IMDSv2 at http://...`, `ECS container credentials at ...`, `assume role ... via profile 'x' (...)`.
    public var credentialSource: String
    /// The first four characters of the access key id, then `****`.
    public var accessKeyId: String
    /// Whether the credentials are temporary (carry a session token).
    public var temporary: Bool
    /// When the temporary credentials expire, if the source said.
    public var expiresAt: Date?
    /// The region calls go to.
    public var region: String
    /// The profile of the shared files that was read.
    public var profile: String
    /// Where STS was called.
    public var stsEndpoint: String

    public init(
        account: String, arn: String, userId: String, credentialSource: String, accessKeyId: String, temporary: Bool,
        expiresAt: Date?, region: String, profile: String, stsEndpoint: String
    ) {
        self.account = account
        self.arn = arn
        self.userId = userId
        self.credentialSource = credentialSource
        self.accessKeyId = accessKeyId
        self.temporary = temporary
        self.expiresAt = expiresAt
        self.region = region
        self.profile = profile
        self.stsEndpoint = stsEndpoint
    }

    enum CodingKeys: String, CodingKey {
        case account, arn, userId, credentialSource, accessKeyId, temporary, expiresAt, region, profile, stsEndpoint
    }

    /// Writes `expiresAt` as null rather than leaving it out, so scripts see every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(arn, forKey: .arn)
        try c.encode(userId, forKey: .userId)
        try c.encode(credentialSource, forKey: .credentialSource)
        try c.encode(accessKeyId, forKey: .accessKeyId)
        try c.encode(temporary, forKey: .temporary)
        try c.encode(expiresAt, forKey: .expiresAt)
        try c.encode(region, forKey: .region)
        try c.encode(profile, forKey: .profile)
        try c.encode(stsEndpoint, forKey: .stsEndpoint)
    }
}
