import Foundation
import LakeCore
import LakeEngine
import LakeWorkflows
import Logging

/// How a lake is opened besides its config and extensions.
public struct RuntimeOptions: Sendable {
    /// The clock every service reads.
    public var clock: any LakeClock = SystemClock()
    /// The engine's timing; the AWS backend raises its receive limits and idle wait to what SQS
    /// allows (``AWSBackend/tuning(_:)``).
    public var tuning = EngineTuning()
    /// Log what the engine does (info) rather than only what goes wrong (critical).
    public var verbose = false
    /// Watch the raw directory for files dropped in by hand (embedded backend).
    public var watch = false
    /// Run the daemon's periodic services: the raw partition job and queue-depth gauges (`lake run`).
    public var daemonServices = false
    /// On AWS, these variables instead of the process environment for credentials, region and
    /// endpoints (tests against an emulator; a process that serves lakes of several accounts).
    public var awsEnvironment: [String: String]?
    /// The dashboard's address, for links in notifications (`lake serve`, `lake run --http`).
    public var dashboardURL: String?
    /// The workflow manager's API clients; default the HTTP adapter (tests and simulators may
    /// pass their own).
    public var amcClients: (any AMCClientFactory)?
    /// Called whenever an execution ends (`lake bench`).
    public var onExecutionEnd: (@Sendable (ExecutionRecord) -> Void)?
    /// Where the engine adds the wall time of its steps (`lake bench pipeline --profile`).
    public var timings: StepTimings?

    public init() {}
}
