import ArgumentParser
import Foundation
import LakeAMCSimulator
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake bench wfm`: N execution requests queued over T tenants (cap 10 each) against the
/// in-process AMC simulator, drained by the lake's services as `lake run` runs them. Reports
/// submissions per second, queued → submitted latency and cap violations seen at the API.
struct WFMBench: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "wfm",
        abstract: "Queue N workflow execution requests over T tenants and measure how WFM submits them within each tenant's cap.",
        discussion: """
            The consumer and the status sync run every second (their minimum), so each tenant submits at most its cap per \
            second: a slot frees when the sync sees an execution end. Cap violations are counted at the simulator and must be 0.
            """)

    @Option(help: "Tenants.") var tenants: Int = 10
    @Option(help: "Execution requests in all (spread evenly over the tenants).") var requests: Int = 1000
    @Option(help: "Maximum concurrent executions per tenant.") var cap: Int = 10
    @Option(help: "Seconds the simulator keeps an execution PENDING.") var pendingSeconds: Double = 0.1
    @Option(help: "Seconds it then keeps it RUNNING.") var runningSeconds: Double = 0.2
    @Option(help: "Answer 429 to every Nth submission (0: never).") var throttleEvery: Int = 0
    @Option(help: "Directory for the lake (default: a new temporary directory, removed afterwards).") var dir: String?
    @Flag(help: "Log what the engine does.") var verbose = false
    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
        var tenants: Int
        var requests: Int
        var capPerTenant: Int
        var submitted: Int
        var seconds: Double
        var submissionsPerSecond: Double
        var queuedToSubmittedP50Milliseconds: Double
        var queuedToSubmittedP99Milliseconds: Double
        var queuedToSubmittedMaxMilliseconds: Double
        var throttledAndRetried: Int
        var peakActiveMax: Int
        /// Tenants whose peak of PENDING+RUNNING executions at the API went above the cap.
        var capViolations: Int
        var deadLetter: Int
    }

    func run(in context: CLIContext) async throws {
        guard (1...1000).contains(tenants), requests >= tenants, (1...100).contains(cap), pendingSeconds >= 0, runningSeconds >= 0, throttleEvery >= 0 else {
            throw ValidationError("--tenants 1-1000, --requests at least --tenants, --cap 1-100, non-negative seconds and --throttle-every")
        }
        let root = dir.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-bench-wfm-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(at: root) } }

        var simulatorConfig = AMCSimulatorConfiguration(pendingSeconds: pendingSeconds, runningSeconds: runningSeconds)
        if throttleEvery > 0 {
            simulatorConfig.throttle.everyNth = throttleEvery
            simulatorConfig.throttle.retryAfterSeconds = 0
        }
        let simulator = try await LocalAMCSimulator.start(simulatorConfig)
        do {
            let result = try await measure(simulator, root: root, context: context)
            await simulator.stop()
            try report(result)
        } catch {
            await simulator.stop()
            throw error
        }
    }

    private func measure(_ simulator: LocalAMCSimulator, root: URL, context: CLIContext) async throws -> Result {
        let ids = (0..<tenants).map { "t\($0)" }
        var config = LakeConfig(
            environment: "bench", storage: .embedded(EmbeddedStorageConfig(path: root.appendingPathComponent(".lake").path)),
            baseDirectory: root)
        config.wfm = WFMConfig(consumerInterval: .seconds(1), syncInterval: .seconds(1), tenants: ids.map { simulator.tenantRecord($0, maxConcurrent: cap) })
        let runtime = try await context.open(config, verbose: verbose)
        let manager = try WFMCommand.manager(runtime)
        let since = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 1).rounded(.down))
        var queuedAt: [String: Date] = [:]
        var expected: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            _ = try await manager.putWorkflows(tenant: id, bodies: [["workflowId": ConfigValue.string("bench"), "sqlQuery": ConfigValue.string("SELECT 1")]])
            let numbers = Array(stride(from: index, to: requests, by: tenants))
            let payloads: [[String: ConfigValue]] = numbers.map {
                ["workflowId": .string("bench"), "timeWindowStart": .string("TODAY(-1)"), "timeWindowEnd": .string("TODAY(0)"),
                 "parameterValues": .object(["n": .string(String($0))])]
            }
            let at = Date()
            _ = try await manager.queueExecutions(tenant: id, payloads: payloads)
            for n in numbers { queuedAt["\(id)/\(n)"] = at }
            expected[id] = numbers.count
        }
        Console.note("queued \(requests) requests over \(tenants) tenants (cap \(cap) each); running the lake until they have all run...")
        let started = Date()
        var lastNote = Date()
        let summaries = try await WFMRunner(runtime: runtime, manager: manager).runUntilSettled(
            expected: expected, since: since, timeout: .seconds(max(120, Double(requests) / Double(tenants * cap) * 10))
        ) { summaries in
            guard Date().timeIntervalSince(lastNote) >= 5 else { return }
            lastNote = Date()
            let done = summaries.reduce(0) { $0 + $1.total - $1.pending - $1.running }
            Console.note("\(done)/\(requests) done")
        }
        let submissions = await simulator.simulator.state.submissions().filter { !$0.outside }
        let latencies = submissions.compactMap { s -> Double? in
            guard let n = s.parameterValues["n"], let at = queuedAt["\(s.tenant)/\(n)"] else { return nil }
            return s.createdAt.timeIntervalSince(at)
        }.sorted()
        let stats = await simulator.simulator.state.stats()
        let last = submissions.map(\.createdAt).max() ?? started
        let seconds = max(last.timeIntervalSince(started), 0.001)
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((p * Double(latencies.count - 1)).rounded()))] * 1000
        }
        return Result(
            tenants: tenants, requests: requests, capPerTenant: cap, submitted: submissions.count, seconds: seconds,
            submissionsPerSecond: Double(submissions.count) / seconds, queuedToSubmittedP50Milliseconds: percentile(0.5),
            queuedToSubmittedP99Milliseconds: percentile(0.99), queuedToSubmittedMaxMilliseconds: (latencies.last ?? 0) * 1000,
            throttledAndRetried: stats.values.reduce(0) { $0 + $1.throttled }, peakActiveMax: stats.values.map(\.peakActive).max() ?? 0,
            capViolations: ids.filter { (stats[$0]?.peakActive ?? 0) > cap }.count, deadLetter: summaries.reduce(0) { $0 + $1.deadLetter })
    }

    private func report(_ result: Result) throws {
        if output.json {
            try Console.json(result)
        } else {
            print(String(format: "wfm: %d requests over %d tenants (cap %d) submitted in %.1fs = %.1f submissions/s (bound: tenants x cap per second = %d/s)",
                         result.submitted, result.tenants, result.capPerTenant, result.seconds, result.submissionsPerSecond, result.tenants * result.capPerTenant))
            print(String(format: "  queued -> submitted: p50 %.0f ms, p99 %.0f ms, max %.0f ms", result.queuedToSubmittedP50Milliseconds,
                         result.queuedToSubmittedP99Milliseconds, result.queuedToSubmittedMaxMilliseconds))
            print("  cap violations at the API: \(result.capViolations) (highest peak \(result.peakActiveMax)); 429s retried: \(result.throttledAndRetried); dead-lettered: \(result.deadLetter)")
        }
        if result.capViolations > 0 || result.submitted != result.requests {
            throw CommandFailure(code: 1, message: "\(result.capViolations) tenant(s) went over the cap; \(result.submitted) of \(result.requests) submitted")
        }
    }
}
