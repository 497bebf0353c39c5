import Foundation
import LakeCore

/// What the workflow manager records about one execution: who ran which workflow over which
/// window with which parameters, its status and when it was created.
public struct WorkflowExecutionSummary: Hashable, Sendable, Codable {
    /// The tenant (AMC customer id).
    public var tenant: String
    /// AMC's id of the execution.
    public var workflowExecutionId: String
    /// The workflow that ran.
    public var workflowId: String
    /// The execution's status.
    public var status: WorkflowExecutionStatus
    /// The window's start, as resolved (`yyyy-MM-dd'T'HH:mm:ss`).
    public var timeWindowStart: String?
    /// The window's end.
    public var timeWindowEnd: String?
    /// The window's time zone.
    public var timeWindowTimeZone: String?
    /// The window's type, e.g. `EXPLICIT`.
    public var timeWindowType: String?
    /// The query's parameter values.
    public var parameterValues: [String: String]
    /// When the execution was created.
    public var createTime: Date

    /// Creates a summary.
    public init(
        tenant: String, workflowExecutionId: String, workflowId: String, status: WorkflowExecutionStatus,
        timeWindowStart: String? = nil, timeWindowEnd: String? = nil, timeWindowTimeZone: String? = nil,
        timeWindowType: String? = nil, parameterValues: [String: String] = [:], createTime: Date
    ) {
        self.tenant = tenant
        self.workflowExecutionId = workflowExecutionId
        self.workflowId = workflowId
        self.status = status
        self.timeWindowStart = timeWindowStart
        self.timeWindowEnd = timeWindowEnd
        self.timeWindowTimeZone = timeWindowTimeZone
        self.timeWindowType = timeWindowType
        self.parameterValues = parameterValues
        self.createTime = createTime
    }

    /// What makes two executions the same request: tenant, workflow, window and parameters.
    /// A missing and an empty window value count as the same.
    var requestKey: RequestKey {
        RequestKey(
            tenant: tenant, workflowId: workflowId, timeWindowStart: timeWindowStart ?? "",
            timeWindowEnd: timeWindowEnd ?? "", timeWindowTimeZone: timeWindowTimeZone ?? "",
            timeWindowType: timeWindowType ?? "", parameterValues: parameterValues)
    }

    /// See ``requestKey``.
    struct RequestKey: Hashable {
        var tenant: String
        var workflowId: String
        var timeWindowStart: String
        var timeWindowEnd: String
        var timeWindowTimeZone: String
        var timeWindowType: String
        var parameterValues: [String: String]
    }
}
