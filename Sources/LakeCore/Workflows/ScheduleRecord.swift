import Foundation

/// A schedule: run a tenant's workflow whenever `expression` fires (`custom(D * 14)`,
/// `cron(...)`, `rate(1 hour)`), queuing `payload` (an execution request, JSON) each time.
public struct ScheduleRecord: Sendable, Hashable, Codable {
    public var name: String
    public var tenant: String
    public var workflowId: String
    public var expression: String
    /// The execution request to queue, JSON (time expressions are resolved at each fire).
    public var payload: String
    /// `ENABLED` or `DISABLED`.
    public var enabled: Bool
    /// The last fire time recorded (the due time it fired for, not the wall clock).
    public var lastFired: Date?
    public var updatedAt: Date

    public init(name: String, tenant: String, workflowId: String, expression: String, payload: String = "{}", enabled: Bool = true, updatedAt: Date) {
        self.name = name
        self.tenant = tenant
        self.workflowId = workflowId
        self.expression = expression
        self.payload = payload
        self.enabled = enabled
        self.lastFired = nil
        self.updatedAt = updatedAt
    }

    /// `ENABLED` or `DISABLED`, as the reference writes the state.
    public var state: String { enabled ? "ENABLED" : "DISABLED" }
}
