import Foundation

/// An execution as the API answers it: one flat object, `workflowExecutionId` and `status` at
/// the top. A single execution (`GET /workflowExecutions/{id}`) also has `outputS3URI`,
/// `statusReason` and `invalidationOffsetSecs`; listings carry `statusReason` when there is one.
enum ExecutionJSON {
    static func render(_ execution: SimulatedExecution, phase: ExecutionPhase, tenant: String, detailed: Bool) -> JSONValue {
        let request = execution.request
        let window = execution.window
        var object: [String: JSONValue] = [
            "workflowExecutionId": .string(execution.id),
            "workflowId": .string(request.workflowId),
            "status": .string(phase.status.rawValue),
            "createTime": .string(AMCTimestamp.format(execution.createTime)),
            "lastUpdatedTime": .string(AMCTimestamp.format(phase.since)),
            "expireTime": .string(AMCTimestamp.format(execution.createTime.addingTimeInterval(Double(request.timeoutSeconds)))),
            "waitUntil": .null,
            "executionCategory": .string("AD_HOC"),
            "timeWindowType": .string(window.type),
            "timeWindowStart": .optional(window.start.map(AMCTimestamp.format)),
            "timeWindowEnd": .optional(window.end.map(AMCTimestamp.format)),
            "timeWindowStartOriginal": .optional(window.startOriginal),
            "timeWindowEndOriginal": .optional(window.endOriginal),
            "timeWindowTimeZoneOriginal": .optional(window.timeZoneOriginal),
            "parameterValues": .object(request.parameterValues.mapValues(JSONValue.string)),
            "dataGaps": .array([]),
            "ignoreDataGaps": .bool(request.ignoreDataGaps),
            "workflowExecutionTimeoutSeconds": .int(request.timeoutSeconds),
            "dryRun": .bool(request.dryRun),
            "skipPublish": .bool(request.skipPublish),
        ]
        if detailed {
            object["statusReason"] = .optional(phase.reason)
            object["invalidationOffsetSecs"] = .int(0)
            object["outputS3URI"] = phase.status == .succeeded
                ? .string("s3://amc-simulator-\(tenant)/workflow=\(request.workflowId)/schedule=adhoc/\(execution.id)/") : .null
        } else if let reason = phase.reason {
            object["statusReason"] = .string(reason)
        }
        return .object(object)
    }
}
