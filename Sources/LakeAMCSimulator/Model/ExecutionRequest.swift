/// The body of `POST /workflowExecutions`, read and checked. `ignoreDataGaps`, `dryRun`,
/// `skipPublish` and `workflowExecutionTimeoutSeconds` may come as JSON values or as strings.
/// Fields the simulator does not know are ignored.
struct ExecutionRequest: Sendable, Hashable {
    static let defaultTimeoutSeconds = 21600

    var workflowId: String
    var timeWindowType: String?
    var timeWindowStart: String?
    var timeWindowEnd: String?
    var timeWindowTimeZone: String?
    var parameterValues: [String: String]
    var ignoreDataGaps: Bool
    var timeoutSeconds: Int
    var dryRun: Bool
    var skipPublish: Bool

    /// The request in `body`, or a 400 naming the first bad field.
    init(_ body: [String: JSONValue]) throws {
        workflowId = try JSONFields.requiredString(body, "workflowId")
        timeWindowType = try JSONFields.string(body, "timeWindowType")
        timeWindowStart = try JSONFields.string(body, "timeWindowStart")
        timeWindowEnd = try JSONFields.string(body, "timeWindowEnd")
        timeWindowTimeZone = try JSONFields.string(body, "timeWindowTimeZone")
        parameterValues = try JSONFields.stringMap(body, "parameterValues")
        ignoreDataGaps = try JSONFields.lenientBool(body, "ignoreDataGaps") ?? false
        dryRun = try JSONFields.lenientBool(body, "dryRun") ?? false
        skipPublish = try JSONFields.lenientBool(body, "skipPublish") ?? false
        timeoutSeconds = try JSONFields.lenientInt(body, "workflowExecutionTimeoutSeconds") ?? Self.defaultTimeoutSeconds
        guard timeoutSeconds > 0 else { throw AMCAPIError.badRequest("workflowExecutionTimeoutSeconds must be positive") }
    }
}
