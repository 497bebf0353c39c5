import Hummingbird

/// `/{tenant}/workflows[/{id}]`: create, replace, read, list and delete workflows.
enum WorkflowRoutes {
    static func register(on router: Router<AMCSimulatorContext>, state: AMCSimulatorState) {
        router.post("/{tenant}/workflows") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .createWorkflow, state: state)
            try await state.createWorkflow(tenant: call.tenant, body: try await call.body())
            return JSONResponse.empty
        }
        router.put("/{tenant}/workflows/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .updateWorkflow, state: state)
            try await state.updateWorkflow(tenant: call.tenant, id: try call.parameter("id"), body: try await call.body())
            return JSONResponse.empty
        }
        router.get("/{tenant}/workflows/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .getWorkflow, state: state)
            return JSONResponse.make(try await state.workflow(tenant: call.tenant, id: try call.parameter("id")))
        }
        router.get("/{tenant}/workflows") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .listWorkflows, state: state)
            return JSONResponse.make(try await state.listWorkflows(tenant: call.tenant, nextToken: call.query("nextToken")))
        }
        router.delete("/{tenant}/workflows/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .deleteWorkflow, state: state)
            try await state.deleteWorkflow(tenant: call.tenant, id: try call.parameter("id"))
            return JSONResponse.empty
        }
    }
}
