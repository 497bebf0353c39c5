import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm backfill`: queues a workflow over windows of N days (tumbling or sliding).
struct WFMBackfillCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill", abstract: "Queue a workflow over a date range in windows of N days.",
        discussion: "tumbling: consecutive windows sharing their ends (N must divide the range); sliding: windows N days wide, one day apart.")
    @OptionGroup var tenant: TenantOption
    @Option(help: "The workflow.") var workflow: String
    @Option(help: "First day, yyyy-MM-dd.") var from: String
    @Option(help: "Last day, yyyy-MM-dd.") var to: String
    @Option(help: "Window width in days.") var days: Int
    @Option(help: "tumbling or sliding.") var window: String = "tumbling"
    @Option(help: "A JSON file with the rest of the request (parameters, time zone).") var payload: String?
    @Flag(help: "Print the windows; queue nothing.") var dryRun = false
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    struct Window: Encodable {
        var timeWindowStart: String
        var timeWindowEnd: String
    }

    func run(in context: CLIContext) async throws {
        let windows = try BackfillWindows.make(from: from, to: to, days: days, kind: try BackfillWindowKind.parse(window))
            .map { Window(timeWindowStart: $0.start, timeWindowEnd: $0.end) }
        if !dryRun {
            var base: [String: ConfigValue] = [:]
            if let payload { base = try ExecutionRequest.parseList(try WFMCommand.read(payload)).first ?? [:] }
            let payloads = windows.map { w -> [String: ConfigValue] in
                var p = base
                p["workflowId"] = .string(workflow)
                p["timeWindowType"] = .string("EXPLICIT")
                p["timeWindowStart"] = .string(w.timeWindowStart)
                p["timeWindowEnd"] = .string(w.timeWindowEnd)
                return p
            }
            _ = try await WFMCommand.manager(try await context.open(options)).queueExecutions(tenant: tenant.tenant, payloads: payloads)
        }
        if output.json { return try Console.json(windows) }
        for w in windows { print("\(w.timeWindowStart) .. \(w.timeWindowEnd)") }
        Console.note(dryRun ? "dry run: \(windows.count) window(s), nothing queued" : "queued \(windows.count) request(s) for \(tenant.tenant)")
    }
}

/// `lake wfm resubmit`: failed, rejected or deleted executions without a successful twin,
/// queued again.
struct WFMResubmitCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit", abstract: "Queue again the executions that FAILED, were REJECTED or DELETED and have no SUCCEEDED, RUNNING or PENDING twin.")
    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: "Look back this far (default: each tenant's lookback).") var since: String?
    @Flag(help: "List them; queue nothing.") var dryRun = false
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let runtime = dryRun ? try await context.openReadOnly(options) : try await context.open(options)
        guard let manager = runtime.workflows else {
            if output.json { return try Console.json([WorkflowExecutionView]()) }
            return print("nothing to resubmit")
        }
        let now = runtime.env.clock.now()
        let tenants: [TenantRecord]
        if let tenant { tenants = [try await manager.tenant(tenant)] } else { tenants = try await manager.env.stores.tenants() }
        var chosen: [WorkflowExecutionRecord] = []
        for t in tenants {
            let lookback: Double
            if let since {
                guard let d = DurationText.parse(since) else { throw ValidationError("--since takes a duration such as 3d") }
                lookback = d.seconds
            } else {
                lookback = Double(t.lookbackHours) * 3600
            }
            let records = try await manager.env.stores.workflowExecutions(matching: WorkflowExecutionQuery(tenant: t.id))
            let byId = Dictionary(records.map { ($0.workflowExecutionId, $0) }) { (a: WorkflowExecutionRecord, _: WorkflowExecutionRecord) in a }
            let summaries = records.map {
                WorkflowExecutionSummary(
                    tenant: $0.tenant, workflowExecutionId: $0.workflowExecutionId, workflowId: $0.workflowId, status: $0.status,
                    timeWindowStart: $0.timeWindowStart, timeWindowEnd: $0.timeWindowEnd, timeWindowTimeZone: $0.timeWindowTimeZone,
                    timeWindowType: $0.timeWindowType, parameterValues: $0.parameterValues, createTime: $0.createTime)
            }
            let candidates = ResubmissionFinder.candidates(in: summaries, since: now.addingTimeInterval(-lookback)).compactMap { byId[$0.workflowExecutionId] }
            if !dryRun && !candidates.isEmpty {
                let payloads = candidates.map { r -> [String: ConfigValue] in
                    var p: [String: ConfigValue] = ["workflowId": .string(r.workflowId)]
                    if let v = r.timeWindowStart { p["timeWindowStart"] = .string(v) }
                    if let v = r.timeWindowEnd { p["timeWindowEnd"] = .string(v) }
                    if let v = r.timeWindowTimeZone { p["timeWindowTimeZone"] = .string(v) }
                    if let v = r.timeWindowType { p["timeWindowType"] = .string(v) }
                    if !r.parameterValues.isEmpty { p["parameterValues"] = .object(r.parameterValues.mapValues(ConfigValue.string)) }
                    return p
                }
                _ = try await manager.queueExecutions(tenant: t.id, payloads: payloads)
            }
            chosen += candidates
        }
        let views = chosen.map(WorkflowExecutionView.init)
        if output.json { return try Console.json(views) }
        for v in views { print("\(v.tenant) \(v.workflowId) \(v.status) \(v.timeWindowStart ?? "-") .. \(v.timeWindowEnd ?? "-")") }
        Console.note(dryRun ? "dry run: \(views.count) to resubmit, nothing queued" : "queued \(views.count) request(s) again")
    }
}
