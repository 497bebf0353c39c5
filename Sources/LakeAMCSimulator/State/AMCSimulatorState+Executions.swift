import Foundation

/// Executions: submitting, reading, listing, cancelling.
extension AMCSimulatorState {
    /// `POST /workflowExecutions`: a new PENDING execution of an existing workflow.
    func submitExecution(tenant name: String, body: [String: JSONValue]) throws -> JSONValue {
        let request = try ExecutionRequest(body)
        guard tenants[name]?.workflows[request.workflowId] != nil else {
            throw AMCAPIError.badRequest("Workflow with ID \(request.workflowId) does not exist.")
        }
        let execution = try addExecution(tenant: name, request: request, createTime: now(), outcome: nil, outside: false)
        withTenant(name) { $0.stats.submitted += 1 }
        return render(execution, tenant: name, detailed: false)
    }

    /// `GET /workflowExecutions/{id}`.
    func execution(tenant name: String, id: String) throws -> JSONValue {
        guard let execution = tenants[name]?.executions[id] else { throw AMCAPIError.executionNotFound(id) }
        observe(name)
        return render(execution, tenant: name, detailed: true)
    }

    /// `GET /workflowExecutions`: a page of executions in creation order, created at or after
    /// `minCreationTime` (UTC, `yyyy-MM-ddTHH:mm:ss`) and of `workflowId` when given.
    func listExecutions(tenant name: String, minCreationTime: String?, workflowId: String?, nextToken: String?) throws -> JSONValue {
        var since: Date?
        if let minCreationTime, !minCreationTime.isEmpty {
            guard let date = AMCTimestamp.parse(minCreationTime, in: .gmt) else {
                throw AMCAPIError.badRequest("minCreationTime is not a date-time (yyyy-MM-ddTHH:mm:ss): \(minCreationTime)")
            }
            since = date
        }
        let wanted = workflowId.flatMap { $0.isEmpty ? nil : $0 }
        let matching = (tenants[name]?.orderedExecutions ?? []).filter { execution in
            // Compared in whole seconds, as createTime is written.
            let created = execution.createTime.timeIntervalSince1970.rounded(.down)
            return (since.map { created >= $0.timeIntervalSince1970 } ?? true) && (wanted.map { execution.request.workflowId == $0 } ?? true)
        }
        let page = try PageCursor.page(matching, after: nextToken, size: configuration.executionsPageSize, key: { String($0.sequence) }) {
            $0.sequence > Int($1) ?? Int.max
        }
        observe(name)
        return Self.page("executions", page.items.map { render($0, tenant: name, detailed: false) }, next: page.next)
    }

    /// Cancels an execution (`DELETE`, or `PUT` `{"status":"CANCELLED"}`); cancelling a cancelled
    /// one again is fine, an ended one is a 400.
    func cancelExecution(tenant name: String, id: String) throws -> JSONValue {
        let instant = now()
        return try withTenant(name) { tenant in
            guard var execution = tenant.executions[id] else { throw AMCAPIError.executionNotFound(id) }
            let phase = lifecycle.phase(of: execution, at: instant)
            switch phase.status {
            case .cancelled: break
            case .pending, .running:
                execution.cancelledAt = instant
                tenant.executions[id] = execution
                tenant.stats.cancelled += 1
            case .succeeded, .failed, .rejected:
                throw AMCAPIError.badRequest("Workflow execution \(id) has already ended (\(phase.status.rawValue)) and cannot be cancelled.")
            }
            return render(execution, tenant: name, detailed: true)
        }
    }

    /// Stores a new execution of `request` and updates the peak; `outcome` nil follows the
    /// configured patterns.
    func addExecution(
        tenant name: String, request: ExecutionRequest, createTime: Date, outcome: SimulatedExecution.Outcome?, outside: Bool
    ) throws -> SimulatedExecution {
        let window = try TimeWindow.make(
            type: request.timeWindowType, start: request.timeWindowStart, end: request.timeWindowEnd,
            timeZone: request.timeWindowTimeZone, now: createTime)
        let execution = withTenant(name) { tenant in
            let execution = SimulatedExecution(
                id: UUID().uuidString.lowercased(), sequence: tenant.nextSequence, request: request, window: window,
                createTime: createTime, outcome: outcome ?? matcher.outcome(for: request.workflowId), cancelledAt: nil, outside: outside)
            tenant.nextSequence += 1
            tenant.executions[execution.id] = execution
            return execution
        }
        observe(name)
        return execution
    }

    /// `execution` as the API answers it, at the current time.
    func render(_ execution: SimulatedExecution, tenant: String, detailed: Bool) -> JSONValue {
        ExecutionJSON.render(execution, phase: lifecycle.phase(of: execution, at: now()), tenant: tenant, detailed: detailed)
    }
}
