/// A schedule as `GET /schedules` lists it: `scheduleId`, `workflowId`, `scheduleEnabled`,
/// `aggregationPeriod` (Daily or Weekly) and `aggregationHourUtc`. AMC's schedules are made
/// outside this API, so the simulator takes them from its admin route.
enum ScheduleDefinition {
    static let periods: Set<String> = ["Daily", "Weekly"]

    /// The schedule to store from an admin body: defaults filled in (a new UUID id, enabled,
    /// Daily, hour 0), a 400 when a field is wrong.
    static func validated(_ body: [String: JSONValue], newId: () -> String) throws -> [String: JSONValue] {
        var schedule = body
        let workflowId = try JSONFields.requiredString(body, "workflowId")
        try WorkflowDefinition.checkId(workflowId)
        schedule["scheduleId"] = .string(try JSONFields.string(body, "scheduleId") ?? newId())
        schedule["scheduleEnabled"] = .bool(try JSONFields.lenientBool(body, "scheduleEnabled") ?? true)
        let period = try JSONFields.string(body, "aggregationPeriod") ?? "Daily"
        guard periods.contains(period) else { throw AMCAPIError.badRequest("aggregationPeriod must be Daily or Weekly, not \(period)") }
        schedule["aggregationPeriod"] = .string(period)
        let hour = try JSONFields.lenientInt(body, "aggregationHourUtc") ?? 0
        guard (0...23).contains(hour) else { throw AMCAPIError.badRequest("aggregationHourUtc must be 0 to 23") }
        schedule["aggregationHourUtc"] = .int(hour)
        return schedule
    }
}
