/// A configuration the simulator cannot run with (a bad pattern, a negative duration, …).
public struct AMCSimulatorSetupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the setting.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

extension AMCSimulatorConfiguration {
    /// Throws an ``AMCSimulatorSetupError`` naming the first setting out of range.
    func validate() throws {
        guard (0...65535).contains(port) else { throw AMCSimulatorSetupError("port must be 0 to 65535, not \(port)") }
        guard pendingSeconds >= 0, runningSeconds >= 0, pendingSeconds.isFinite, runningSeconds.isFinite else {
            throw AMCSimulatorSetupError("pendingSeconds and runningSeconds must be finite and not negative")
        }
        guard executionsPageSize > 0, workflowsPageSize > 0 else { throw AMCSimulatorSetupError("page sizes must be positive") }
        guard (0...1).contains(throttle.probability) else { throw AMCSimulatorSetupError("throttle.probability must be 0 to 1") }
        if let every = throttle.everyNth, every < 1 { throw AMCSimulatorSetupError("throttle.everyNth must be at least 1") }
        if let seconds = throttle.retryAfterSeconds, seconds < 0 { throw AMCSimulatorSetupError("throttle.retryAfterSeconds must not be negative") }
    }
}
