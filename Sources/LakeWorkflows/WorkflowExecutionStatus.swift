/// The status of an AMC workflow execution.
public enum WorkflowExecutionStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case pending = "PENDING"
    case running = "RUNNING"
    case publishing = "PUBLISHING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case rejected = "REJECTED"
    case cancelled = "CANCELLED"
    case deleted = "DELETED"
}
