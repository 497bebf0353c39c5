import Hummingbird

/// `/{tenant}/schedules[/{id}]`: list and delete schedules.
enum ScheduleRoutes {
    static func register(on router: Router<AMCSimulatorContext>, state: AMCSimulatorState) {
        router.get("/{tenant}/schedules") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .listSchedules, state: state)
            return JSONResponse.make(try await state.listSchedules(tenant: call.tenant, nextToken: call.query("nextToken")))
        }
        router.delete("/{tenant}/schedules/{id}") { request, context -> Response in
            let call = try await TenantRequest.admit(request, context, .deleteSchedule, state: state)
            try await state.deleteSchedule(tenant: call.tenant, id: try call.parameter("id"))
            return JSONResponse.empty
        }
    }
}
