import Foundation

/// One provisioning step for one tenant and how it went (`lake wfm tenants put --json`
/// prints a list of them), as `lake aws bootstrap` reports its actions.
public struct TenantProvisionStep: Sendable, Hashable, Codable {
    /// How a step went.
    public enum Status: String, Sendable, Hashable, Codable {
        case created, exists, updated, removed, kept, failed
        /// Not there, and not needed (a bucket policy with nothing to grant; a thing already removed).
        case absent
    }

    public var tenant: String
    /// `record`, `queues`, `landing`, `dataset`, `library`; on AWS the landing is `kms-key`,
    /// `bucket`, `bucket-encryption`, `bucket-policy`, `notification`.
    public var step: String
    public var status: Status
    public var detail: String?

    public init(tenant: String, step: String, status: Status, detail: String? = nil) {
        self.tenant = tenant
        self.step = step
        self.status = status
        self.detail = detail
    }
}
