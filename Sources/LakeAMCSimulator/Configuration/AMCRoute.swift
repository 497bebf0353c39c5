/// One operation of the simulated AMC API, to choose which operations throttling applies to.
public enum AMCRoute: String, Sendable, Hashable, CaseIterable, Codable {
    /// `POST /workflows`
    case createWorkflow
    /// `PUT /workflows/{id}`
    case updateWorkflow
    /// `GET /workflows/{id}`
    case getWorkflow
    /// `GET /workflows`
    case listWorkflows
    /// `DELETE /workflows/{id}`
    case deleteWorkflow
    /// `POST /workflowExecutions`
    case submitExecution
    /// `GET /workflowExecutions/{id}`
    case getExecution
    /// `GET /workflowExecutions`
    case listExecutions
    /// `DELETE /workflowExecutions/{id}` and `PUT /workflowExecutions/{id}` `{"status":"CANCELLED"}`
    case cancelExecution
    /// `GET /schedules`
    case listSchedules
    /// `DELETE /schedules/{id}`
    case deleteSchedule
}
