import Hummingbird

/// `/{tenant}/workflowExecutions[/{id}]`: submit, read, list, and cancel (QS's `DELETE` and
/// AI's `PUT {"status":"CANCELLED"}`).
enum ExecutionRoutes {
    static func register(on router: Router<AMCSimulatorContext>, state: AMCSimulatorState) {
        router.post("/{tenant}/workflowExecutions") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .submitExecution, state: state)
            return JSONResponse.make(try await state.submitExecution(tenant: call.tenant, body: try await call.body()))
        }
        router.get("/{tenant}/workflowExecutions/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .getExecution, state: state)
            return JSONResponse.make(try await state.execution(tenant: call.tenant, id: try call.parameter("id")))
        }
        router.get("/{tenant}/workflowExecutions") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .listExecutions, state: state)
            return JSONResponse.make(try await state.listExecutions(
                tenant: call.tenant, minCreationTime: call.query("minCreationTime"), workflowId: call.query("workflowId"),
                nextToken: call.query("nextToken")))
        }
        router.delete("/{tenant}/workflowExecutions/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .cancelExecution, state: state)
            return JSONResponse.make(try await state.cancelExecution(tenant: call.tenant, id: try call.parameter("id")))
        }
        router.put("/{tenant}/workflowExecutions/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .cancelExecution, state: state)
            let status = try JSONFields.string(try await call.body(), "status")
            guard status?.uppercased() == "CANCELLED" else {
                throw AMCAPIError.badRequest("Only {\"status\":\"CANCELLED\"} is accepted, not status \(status ?? "null").")
            }
            return JSONResponse.make(try await state.cancelExecution(tenant: call.tenant, id: try call.parameter("id")))
        }
    }
}
