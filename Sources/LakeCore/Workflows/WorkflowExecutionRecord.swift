import Foundation

/// One execution of a tenant's workflow as the status store keeps it (the reference's
/// AMCExecutionStatus table): submitted by WFM or found by the status sync (`outside`).
public struct WorkflowExecutionRecord: Sendable, Hashable, Codable {
    /// Who submitted it: the workflow manager, or another tool (found by the sync).
    public enum Submitter: String, Sendable, Hashable, Codable { case wfm, outside }

    public var tenant: String
    public var workflowExecutionId: String
    public var workflowId: String
    public var status: WorkflowExecutionStatus
    /// The window as the request sent it (local to its time zone), `yyyy-MM-dd'T'HH:mm:ss`.
    public var timeWindowStart: String?
    public var timeWindowEnd: String?
    public var timeWindowTimeZone: String?
    public var timeWindowType: String?
    public var parameterValues: [String: String]
    public var createTime: Date
    public var lastUpdatedTime: Date
    public var statusReason: String?
    public var submittedBy: Submitter
    /// When the record may be purged (the tenant's retention after creation).
    public var expiresAt: Date

    public init(
        tenant: String, workflowExecutionId: String, workflowId: String, status: WorkflowExecutionStatus, createTime: Date,
        lastUpdatedTime: Date? = nil, submittedBy: Submitter, expiresAt: Date
    ) {
        self.tenant = tenant
        self.workflowExecutionId = workflowExecutionId
        self.workflowId = workflowId
        self.status = status
        self.timeWindowStart = nil
        self.timeWindowEnd = nil
        self.timeWindowTimeZone = nil
        self.timeWindowType = nil
        self.parameterValues = [:]
        self.createTime = createTime
        self.lastUpdatedTime = lastUpdatedTime ?? createTime
        self.statusReason = nil
        self.submittedBy = submittedBy
        self.expiresAt = expiresAt
    }
}

/// Which workflow executions to read, newest first.
public struct WorkflowExecutionQuery: Sendable, Hashable {
    public var tenant: String?
    public var status: WorkflowExecutionStatus?
    public var workflowId: String?
    /// Only executions created at or after this time.
    public var createdSince: Date?
    public var limit: Int?
    public init(tenant: String? = nil, status: WorkflowExecutionStatus? = nil, workflowId: String? = nil, createdSince: Date? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.status = status
        self.workflowId = workflowId
        self.createdSince = createdSince
        self.limit = limit
    }
}
