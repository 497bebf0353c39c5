/// Workflows and schedules.
extension AMCSimulatorState {
    /// `POST /workflows`: stores a new workflow; a duplicate id is the reference's 400.
    func createWorkflow(tenant name: String, body: [String: JSONValue]) throws {
        let workflow = try WorkflowDefinition.validated(body)
        let id = try JSONFields.requiredString(workflow, "workflowId")
        try withTenant(name) { tenant in
            guard tenant.workflows[id] == nil else { throw AMCAPIError.duplicateWorkflow(id) }
            tenant.workflows[id] = workflow
        }
    }

    /// `PUT /workflows/{id}`: replaces a workflow; 404 when there is none.
    func updateWorkflow(tenant name: String, id: String, body: [String: JSONValue]) throws {
        let workflow = try WorkflowDefinition.validated(body, id: id)
        try withTenant(name) { tenant in
            guard tenant.workflows[id] != nil else { throw AMCAPIError.workflowNotFound(id) }
            tenant.workflows[id] = workflow
        }
    }

    /// `GET /workflows/{id}`.
    func workflow(tenant name: String, id: String) throws -> JSONValue {
        guard let workflow = tenants[name]?.workflows[id] else { throw AMCAPIError.workflowNotFound(id) }
        return .object(workflow)
    }

    /// `DELETE /workflows/{id}`.
    func deleteWorkflow(tenant name: String, id: String) throws {
        try withTenant(name) { tenant in
            guard tenant.workflows.removeValue(forKey: id) != nil else { throw AMCAPIError.workflowNotFound(id) }
        }
    }

    /// `GET /workflows`: a page of workflows in id order.
    func listWorkflows(tenant name: String, nextToken: String?) throws -> JSONValue {
        let all = (tenants[name]?.workflows ?? [:]).sorted { $0.key < $1.key }
        let page = try PageCursor.page(all, after: nextToken, size: configuration.workflowsPageSize, key: \.key) { $0.key > $1 }
        return Self.page("workflows", page.items.map { .object($0.value) }, next: page.next)
    }

    /// `GET /schedules`: a page of schedules in id order.
    func listSchedules(tenant name: String, nextToken: String?) throws -> JSONValue {
        let all = (tenants[name]?.schedules ?? [:]).sorted { $0.key < $1.key }
        let page = try PageCursor.page(all, after: nextToken, size: configuration.workflowsPageSize, key: \.key) { $0.key > $1 }
        return Self.page("schedules", page.items.map { .object($0.value) }, next: page.next)
    }

    /// `DELETE /schedules/{id}`.
    func deleteSchedule(tenant name: String, id: String) throws {
        try withTenant(name) { tenant in
            guard tenant.schedules.removeValue(forKey: id) != nil else { throw AMCAPIError.notFound("Schedule with ID \(id) not found") }
        }
    }

    /// A listing's body: the items under `key`, and `nextToken` only when another page follows.
    static func page(_ key: String, _ items: [JSONValue], next: String?) -> JSONValue {
        var body: [String: JSONValue] = [key: .array(items)]
        if let next { body["nextToken"] = .string(next) }
        return .object(body)
    }
}
