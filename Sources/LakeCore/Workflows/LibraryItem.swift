import Foundation

/// An item of the workflow library (TPS): a workflow deployed to every matching tenant as
/// `<workflowId>_v<version>`, with an optional default schedule `wfm-<customerId>-<workflowId>`.
public struct LibraryItem: Sendable, Hashable, Codable {
    /// The schedule every tenant gets for the item (when its schedule-creation flag is on).
    public struct DefaultSchedule: Sendable, Hashable, Codable {
        public var expression: String
        /// The execution request queued at each fire, JSON (`workflowId` is set to the deployed id).
        public var payload: String
        public init(expression: String, payload: String = "{}") {
            self.expression = expression
            self.payload = payload
        }
    }

    public var workflowId: String
    /// The version: the deployed workflow is `<workflowId>_v<version>`.
    public var version: String
    /// The AMC workflow body (JSON) without the library's own fields; its `workflowId` is set
    /// to the deployed id when it is deployed.
    public var body: String
    public var defaultSchedule: DefaultSchedule?
    /// Deploy only to tenants of this endemic type (`ENDEMIC`, `NONDEMIC`); nil: all.
    public var endemicType: String?
    /// Deploy only to tenants with this customer prefix; nil: all.
    public var customerPrefix: String?
    /// Removed from the library: deployed copies are removed where the tenants' flags allow.
    public var removed: Bool
    public var updatedAt: Date

    public init(
        workflowId: String, version: String, body: String, defaultSchedule: DefaultSchedule? = nil, endemicType: String? = nil,
        customerPrefix: String? = nil, removed: Bool = false, updatedAt: Date
    ) {
        self.workflowId = workflowId
        self.version = version
        self.body = body
        self.defaultSchedule = defaultSchedule
        self.endemicType = endemicType
        self.customerPrefix = customerPrefix
        self.removed = removed
        self.updatedAt = updatedAt
    }

    /// The id the workflow has on a tenant's API.
    public var deployedId: String { Self.deployedId(workflowId, version: version) }

    public static func deployedId(_ workflowId: String, version: String) -> String { "\(workflowId)_v\(version)" }

    /// The name of the item's schedule on `tenant`.
    public func scheduleName(tenant: String) -> String { "wfm-\(tenant)-\(workflowId)" }

    /// Whether the item's filters admit `tenant`.
    public func matches(_ tenant: TenantRecord) -> Bool {
        (endemicType.map { $0.uppercased() == tenant.endemicType.uppercased() } ?? true)
            && (customerPrefix.map { $0 == tenant.prefix } ?? true)
    }
}
