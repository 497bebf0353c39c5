/// The configured patterns that pick how an execution ends from its workflow id.
struct WorkflowIdMatcher {
    private let reject: Regex<AnyRegexOutput>?
    private let failure: Regex<AnyRegexOutput>?
    private let rejectPattern: String?
    private let failurePattern: String?

    /// The matcher of `configuration`; an ``AMCSimulatorSetupError`` for a pattern that is not a
    /// regular expression.
    init(_ configuration: AMCSimulatorConfiguration) throws {
        rejectPattern = configuration.rejectPattern
        failurePattern = configuration.failurePattern
        reject = try Self.compile(configuration.rejectPattern, name: "rejectPattern")
        failure = try Self.compile(configuration.failurePattern, name: "failurePattern")
    }

    /// How an execution of `workflowId` ends: REJECTED, FAILED or SUCCEEDED.
    func outcome(for workflowId: String) -> SimulatedExecution.Outcome {
        if let reject, let pattern = rejectPattern, workflowId.contains(reject) {
            return .reject(reason: "Rejected by the simulator: workflow id matches \(pattern)")
        }
        if let failure, let pattern = failurePattern, workflowId.contains(failure) {
            return .fail(reason: "Failed in the simulator: workflow id matches \(pattern)")
        }
        return .succeed
    }

    private static func compile(_ pattern: String?, name: String) throws -> Regex<AnyRegexOutput>? {
        guard let pattern, !pattern.isEmpty else { return nil }
        do {
            return try Regex(pattern)
        } catch {
            throw AMCSimulatorSetupError("\(name) is not a regular expression: \(pattern) (\(error))")
        }
    }
}
