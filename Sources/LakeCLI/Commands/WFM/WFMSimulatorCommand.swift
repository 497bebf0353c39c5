import ArgumentParser
import Foundation
import LakeAMCSimulator
import LakeCore

/// `lake wfm simulator`: a local AMC API, so WFM can be tried with no account. Each tenant's
/// `amcApiEndpoint` is `http://HOST:PORT/<tenant>` with `auth: none`.
struct WFMSimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator", abstract: "Serve a local AMC API (workflows, executions, schedules) for trying and testing WFM.",
        discussion: "Executions go PENDING, RUNNING, then SUCCEEDED (FAILED for workflow ids matching --fail-pattern, REJECTED for --reject-pattern). GET /_admin/stats shows each tenant's peak of PENDING+RUNNING executions. SIGINT/SIGTERM stop it.")
    @Option(help: "Address to bind.") var host: String = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port: Int = 8089
    @Option(help: "Seconds an execution stays PENDING.") var pendingSeconds: Double = 1
    @Option(help: "Seconds it then stays RUNNING.") var runningSeconds: Double = 2
    @Option(help: "Workflow ids matching this regular expression end FAILED.") var failPattern: String = "^fail-"
    @Option(help: "Workflow ids matching this regular expression are REJECTED.") var rejectPattern: String = "^reject-"
    @Option(help: "Answer 429 to every Nth execution submission of a tenant.") var throttleEvery: Int?
    @Option(help: "Answer 429 to submissions with this probability (0-1).") var throttleProbability: Double = 0
    @Option(help: "Retry-After seconds on a 429.") var retryAfter: Int = 1

    func run() async throws {
        var configuration = AMCSimulatorConfiguration(
            host: host, port: port, pendingSeconds: pendingSeconds, runningSeconds: runningSeconds, failurePattern: failPattern,
            rejectPattern: rejectPattern)
        configuration.throttle.everyNth = throttleEvery
        configuration.throttle.probability = throttleProbability
        configuration.throttle.retryAfterSeconds = retryAfter
        let simulator = try AMCSimulator(configuration: configuration)
        let shown = host.contains(":") ? "[\(host)]" : host
        try await simulator.run(handlingSignals: true) { bound in
            Console.note("serving http://\(shown):\(bound)/ — a tenant's amcApiEndpoint is http://\(shown):\(bound)/<tenant> with auth none; Ctrl-C to stop")
        }
    }
}
