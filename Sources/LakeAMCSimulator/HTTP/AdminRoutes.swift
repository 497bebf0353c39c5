import Hummingbird

/// `/_admin/…`, open to all (no auth, no throttling, not counted): statistics, reset, outside
/// submissions, vanishing executions, seeding schedules. `_admin` is therefore no tenant path.
enum AdminRoutes {
    static func register(on router: Router<AMCSimulatorContext>, state: AMCSimulatorState) {
        router.get("/_admin/stats") { _, _ -> Response in
            JSONResponse.make(["tenants": await state.stats()])
        }
        router.post("/_admin/reset") { _, _ -> Response in
            await state.reset()
            return JSONResponse.empty
        }
        router.post("/_admin/{tenant}/executions") { request, context -> Response in
            let tenant = try TenantRequest.pathParameter("tenant", context)
            let body = try await JSONResponse.object(request, context: context)
            return JSONResponse.make(try await state.addOutsideExecution(tenant: tenant, body: body))
        }
        router.delete("/_admin/{tenant}/executions/{id}") { _, context -> Response in
            try await state.vanishExecution(
                tenant: try TenantRequest.pathParameter("tenant", context), id: try TenantRequest.pathParameter("id", context))
            return JSONResponse.empty
        }
        router.post("/_admin/{tenant}/schedules") { request, context -> Response in
            let tenant = try TenantRequest.pathParameter("tenant", context)
            let body = try await JSONResponse.object(request, context: context)
            return JSONResponse.make(try await state.addSchedule(tenant: tenant, body: body))
        }
    }
}
