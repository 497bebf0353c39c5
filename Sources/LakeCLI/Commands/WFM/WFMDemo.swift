import Foundation
import LakeAMCSimulator
import LakeCore
import LakeRuntime
import LakeWorkflows
import LakeYAML

/// `lake demo --wfm`: the workflow manager end to end with no account. It serves the AMC
/// simulator in-process, writes a lake whose lake.yaml declares two tenants (caps 3 and 5),
/// deploys two workflows to each, queues a dozen requests per tenant with time expressions in
/// the tenant's time zone, adds a schedule that fires every minute, then runs the lake as `lake
/// run` does until everything has run and the schedule has fired once, and summarises.
struct WFMDemo {
    let root: URL
    let context: CLIContext
    let verbose: Bool

    /// The demo's tenants: id, cap, time zone, requests queued.
    static let tenants: [(id: String, cap: Int, timeZone: String, requests: Int)] = [
        ("acme", 3, "America/New_York", 12), ("globex", 5, "Europe/Berlin", 12),
    ]
    static let scheduleName = "acme-reach-every-minute"

    func run() async throws -> WFMDemoSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let since = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 1).rounded(.down))
        var simulatorConfig = AMCSimulatorConfiguration(pendingSeconds: 0.5, runningSeconds: 1.5)
        simulatorConfig.throttle.everyNth = 8
        simulatorConfig.throttle.retryAfterSeconds = 0
        let simulator = try await LocalAMCSimulator.start(simulatorConfig)
        do {
            let summary = try await drive(simulator, started: started, since: since)
            await simulator.stop()
            return summary
        } catch {
            await simulator.stop()
            throw error
        }
    }

    private func drive(_ simulator: LocalAMCSimulator, started: ContinuousClock.Instant, since: Date) async throws -> WFMDemoSummary {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let configFile = root.appendingPathComponent("lake.yaml")
        var config = ConfigTemplates.demo(baseDirectory: root)
        config.wfm = WFMConfig(
            consumerInterval: .seconds(1), syncInterval: .seconds(1),
            tenants: Self.tenants.map { simulator.tenantRecord($0.id, maxConcurrent: $0.cap) })
        try Data(ConfigWriter.write(config).utf8).write(to: configFile)
        Console.note("demo lake in \(root.path); AMC simulator on http://127.0.0.1:\(simulator.port)/ (every 8th submission answered 429)")

        let runtime = try await context.open(LakeConfigFile.load(configFile, extensions: context.extensions), verbose: verbose)
        let manager = try WFMCommand.manager(runtime)
        for tenant in Self.tenants {
            _ = try await manager.putWorkflows(tenant: tenant.id, bodies: Self.workflows)
            let requests: [[String: ConfigValue]] = (0..<tenant.requests).map { day in
                [
                    "workflowId": .string("daily-sales"), "timeWindowTimeZone": .string(tenant.timeZone),
                    "timeWindowStart": .string("TODAY(-\(day + 1))"), "timeWindowEnd": .string("TODAY(-\(day))"),
                    "parameterValues": .object(["region": .string("all"), "as_of": .string("NOW()")]),
                ]
            }
            let resolved = try await manager.queueExecutions(tenant: tenant.id, payloads: requests)
            let first = resolved.first.flatMap { $0["timeWindowStart"]?.stringValue } ?? "?"
            Console.note("\(tenant.id): 2 workflows deployed; \(resolved.count) daily requests queued (cap \(tenant.cap); TODAY(-1) in \(tenant.timeZone) = \(first))")
        }
        _ = try await manager.putSchedule(
            name: Self.scheduleName, tenant: "acme", workflowId: "weekly-reach", expression: "cron(* * * * ? *)",
            payload: ["timeWindowStart": .string("TODAY(-7)"), "timeWindowEnd": .string("TODAY(0)"), "timeWindowTimeZone": .string("America/New_York")])
        let nextFire = try await manager.scheduleViews().first { $0.name == Self.scheduleName }?.nextFire
        Console.note("schedule \(Self.scheduleName) (cron(* * * * ? *)) fires next at \(nextFire.map(Self.clockText) ?? "?"); running the lake until it has")

        var expected = Dictionary(uniqueKeysWithValues: Self.tenants.map { ($0.id, $0.requests) })
        expected["acme", default: 0] += 1
        var lastLine = ""
        let summaries = try await WFMRunner(runtime: runtime, manager: manager).runUntilSettled(
            expected: expected, since: since, timeout: .seconds(180)
        ) { summaries in
            let line = summaries.map { "\($0.tenant): \($0.succeeded) succeeded, \($0.running + $0.pending) running, \($0.queued) queued" }
                .joined(separator: "; ")
            if line != lastLine { Console.note(line) }
            lastLine = line
        }
        let stats = await simulator.simulator.state.stats()
        let schedule = try await manager.scheduleViews().first { $0.name == Self.scheduleName }
        return WFMDemoSummary(
            directory: root.path, config: configFile.path, elapsedSeconds: (ContinuousClock().now - started).seconds,
            tenants: summaries.map { summary in
                let cap = Self.tenants.first { $0.id == summary.tenant }?.cap ?? 0
                let server = stats[summary.tenant] ?? AMCTenantStats()
                return WFMDemoSummary.Tenant(
                    tenant: summary.tenant, cap: cap, peakAtServer: server.peakActive, throttledAndRetried: server.throttled,
                    byStatus: summary.byStatus.filter { $0.value > 0 }, deadLetter: summary.deadLetter)
            },
            schedule: WFMDemoSummary.Schedule(name: Self.scheduleName, lastFired: schedule?.lastFired, nextFire: schedule?.nextFire))
    }

    /// The two AMC workflow bodies deployed to each tenant.
    static let workflows: [[String: ConfigValue]] = [
        [
            "workflowId": .string("daily-sales"),
            "sqlQuery": .string("SELECT region, COUNT(DISTINCT user_id) AS buyers FROM conversions WHERE region = :region GROUP BY region"),
            "inputParameters": .array([.object(["name": .string("region"), "dataType": .string("STRING"), "defaultValue": .string("all")])]),
        ],
        [
            "workflowId": .string("weekly-reach"),
            "sqlQuery": .string("SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM impressions GROUP BY campaign"),
        ],
    ]

    static func clockText(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// What `lake demo --wfm` prints at the end.
struct WFMDemoSummary: Encodable {
    struct Tenant: Encodable {
        var tenant: String
        var cap: Int
        /// The most PENDING+RUNNING executions the simulator saw at once: never above `cap`.
        var peakAtServer: Int
        var throttledAndRetried: Int
        var byStatus: [String: Int]
        var deadLetter: Int
    }

    struct Schedule: Encodable {
        var name: String
        var lastFired: Date?
        var nextFire: Date?
    }

    var directory: String
    var config: String
    var elapsedSeconds: Double
    var tenants: [Tenant]
    var schedule: Schedule

    var text: String {
        var lines = ["SwiftLake workflow-manager demo finished in \(String(format: "%.1f", elapsedSeconds))s", ""]
        for t in tenants {
            let statuses = t.byStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  \(t.tenant): \(statuses); at most \(t.peakAtServer) at once at the API (cap \(t.cap)); 429 answers retried: \(t.throttledAndRetried)")
        }
        let fired = schedule.lastFired.map(WFMDemo.clockText) ?? "never"
        lines.append("  schedule \(schedule.name): fired at \(fired), next at \(schedule.nextFire.map(WFMDemo.clockText) ?? "?")")
        lines += [
            "", "next:",
            "  lake wfm executions --tenant acme --config \(config)",
            "  lake wfm summary --tenant globex --config \(config)",
            "  lake wfm schedules list --config \(config)",
            "  lake wfm simulator --port 8089   # then point lake.yaml's tenants at it and run `lake run`",
        ]
        return lines.joined(separator: "\n")
    }
}
