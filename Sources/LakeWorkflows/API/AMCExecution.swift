import Foundation
import LakeCore

/// An execution as the AMC API answers it: flat, `workflowExecutionId` and `status` at the top
/// level, times `yyyy-MM-dd'T'HH:mm:ss'Z'`, the request's own window in the `*Original` fields.
public struct AMCExecution: Sendable, Hashable, Codable {
    public var workflowExecutionId: String
    public var workflowId: String
    public var status: String
    public var createTime: String?
    public var lastUpdatedTime: String?
    public var timeWindowStart: String?
    public var timeWindowEnd: String?
    public var timeWindowStartOriginal: String?
    public var timeWindowEndOriginal: String?
    public var timeWindowTimeZoneOriginal: String?
    public var timeWindowType: String?
    public var parameterValues: [String: String]?
    public var statusReason: String?

    public init(workflowExecutionId: String, workflowId: String, status: String) {
        self.workflowExecutionId = workflowExecutionId
        self.workflowId = workflowId
        self.status = status
    }

    /// The status, with anything unknown read as RUNNING (still to be fetched).
    public var knownStatus: WorkflowExecutionStatus { WorkflowExecutionStatus(rawValue: status.uppercased()) ?? .running }

    /// `2026-12-04T10:00:00Z` (or without `Z`) as a date.
    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let full = text.hasSuffix("Z") ? text : text + "Z"
        return (try? Date.ISO8601FormatStyle().parse(full)) ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(full))
    }

    /// The status record of this execution for `tenant`.
    public func record(tenant: String, submittedBy: WorkflowExecutionRecord.Submitter, retentionDays: Int, now: Date) -> WorkflowExecutionRecord {
        let created = Self.date(createTime) ?? now
        var record = WorkflowExecutionRecord(
            tenant: tenant, workflowExecutionId: workflowExecutionId, workflowId: workflowId, status: knownStatus, createTime: created,
            lastUpdatedTime: Self.date(lastUpdatedTime) ?? created, submittedBy: submittedBy,
            expiresAt: created.addingTimeInterval(Double(retentionDays) * 86_400))
        record.timeWindowStart = timeWindowStartOriginal ?? timeWindowStart
        record.timeWindowEnd = timeWindowEndOriginal ?? timeWindowEnd
        record.timeWindowTimeZone = timeWindowTimeZoneOriginal
        record.timeWindowType = timeWindowType
        record.parameterValues = parameterValues ?? [:]
        record.statusReason = statusReason
        return record
    }
}
