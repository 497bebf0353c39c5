import Foundation

/// What tests and operators do behind the API's back: executions submitted by another tool,
/// executions that vanish, schedules made elsewhere.
extension AMCSimulatorState {
    /// Adds an execution of `workflowId` to `tenant` as if another tool had submitted it (the
    /// workflow need not exist), created at `createTime` (now when nil); returns its id.
    public func addOutsideExecution(tenant: String, workflowId: String, parameterValues: [String: String] = [:], createTime: Date? = nil) throws -> String {
        let body: [String: JSONValue] = ["workflowId": .string(workflowId), "parameterValues": .object(parameterValues.mapValues(JSONValue.string))]
        let execution = try addExecution(tenant: tenant, request: ExecutionRequest(body), createTime: createTime ?? now(), outcome: nil, outside: true)
        withTenant(tenant) { $0.stats.outsideSubmitted += 1 }
        return execution.id
    }

    /// Removes an execution, as if the API no longer knew it; false when there was none.
    @discardableResult
    public func removeExecution(tenant name: String, id: String) -> Bool {
        guard tenants[name]?.executions.removeValue(forKey: id) != nil else { return false }
        tenants[name]?.stats.vanished += 1
        return true
    }

    /// `POST /_admin/{tenant}/executions`: an execution request body, plus optional `createTime`
    /// (`yyyy-MM-ddTHH:mm:ss`, UTC) and `outcome` (SUCCEEDED, FAILED or REJECTED).
    func addOutsideExecution(tenant name: String, body: [String: JSONValue]) throws -> JSONValue {
        let request = try ExecutionRequest(body)
        var createTime = now()
        if let text = try JSONFields.string(body, "createTime") {
            guard let date = AMCTimestamp.parse(text, in: .gmt) else { throw AMCAPIError.badRequest("createTime is not a date-time: \(text)") }
            createTime = date
        }
        let outcome: SimulatedExecution.Outcome?
        switch try JSONFields.string(body, "outcome")?.uppercased() {
        case nil: outcome = nil
        case "SUCCEEDED": outcome = .succeed
        case "FAILED": outcome = .fail(reason: "Failed in the simulator (outside submission)")
        case "REJECTED": outcome = .reject(reason: "Rejected by the simulator (outside submission)")
        case let other?: throw AMCAPIError.badRequest("outcome must be SUCCEEDED, FAILED or REJECTED, not \(other)")
        }
        let execution = try addExecution(tenant: name, request: request, createTime: createTime, outcome: outcome, outside: true)
        withTenant(name) { $0.stats.outsideSubmitted += 1 }
        return render(execution, tenant: name, detailed: true)
    }

    /// `DELETE /_admin/{tenant}/executions/{id}`.
    func vanishExecution(tenant name: String, id: String) throws {
        guard removeExecution(tenant: name, id: id) else { throw AMCAPIError.executionNotFound(id) }
    }

    /// `POST /_admin/{tenant}/schedules`: adds (or replaces) a schedule; returns it.
    func addSchedule(tenant name: String, body: [String: JSONValue]) throws -> JSONValue {
        let schedule = try ScheduleDefinition.validated(body) { UUID().uuidString.lowercased() }
        let id = try JSONFields.requiredString(schedule, "scheduleId")
        withTenant(name) { $0.schedules[id] = schedule }
        return .object(schedule)
    }
}
