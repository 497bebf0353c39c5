import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm execute --tenant T FILE|-`: resolves time expressions and queues the requests.
struct WFMExecuteCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute", abstract: "Queue execution requests for a tenant (resolving time expressions); the consumer submits them within its cap.",
        discussion: "A request: {workflowId, timeWindowStart, timeWindowEnd, timeWindowType, timeWindowTimeZone, parameterValues, ignoreDataGaps, workflowExecutionTimeoutSeconds}, or a list. NOW(), TODAY(n), FIRSTDAYOFOFFSETMONTH(n), LASTDAYOFOFFSETMONTH(n) and FIFTEENTHDAYOFOFFSETMONTH(n) resolve in timeWindowTimeZone.")
    @OptionGroup var tenant: TenantOption
    @Argument(help: "The JSON file, or - for standard input.") var file: String
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions
    func run(in context: CLIContext) async throws {
        let payloads = try ExecutionRequest.parseList(try WFMCommand.read(file))
        let resolved = try await WFMCommand.manager(try await context.open(options)).queueExecutions(tenant: tenant.tenant, payloads: payloads)
        if output.json { return try Console.json(resolved) }
        print("queued \(resolved.count) request(s) for \(tenant.tenant)")
        for payload in resolved {
            print("  \(payload["workflowId"]?.stringValue ?? "?"): \(payload["timeWindowStart"]?.stringValue ?? "-") .. \(payload["timeWindowEnd"]?.stringValue ?? "-")")
        }
    }
}

/// `lake wfm resolve EXPR [--tz ZONE] [--now TIME]`: one time expression's value.
struct WFMResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Print what a time expression resolves to (NOW(), TODAY(-1), LASTDAYOFOFFSETMONTH(0), ...).")
    @Argument(help: "The expression, e.g. 'TODAY(-1)'.") var expression: String
    @Option(help: "IANA time zone the expression is read in (default UTC).") var tz: String?
    @Option(help: "The time it is, e.g. 2024-03-31T13:45:07Z or 2024-03-31T15:45:07+02:00 (default: now).") var now: String?
    @OptionGroup var output: OutputOptions

    struct Answer: Encodable {
        var input: String
        var value: String
        var timeZone: String
        var now: Date
    }

    func run() async throws {
        let instant = try now.map { try InstantText.parse($0) } ?? Date()
        let zone = try TimeExpression.parseTimeZone(tz)
        let value = try TimeExpression.resolve(expression, now: instant, timeZone: zone)
        if output.json { return try Console.json(Answer(input: expression, value: value, timeZone: (tz ?? "").isEmpty ? "UTC" : zone.identifier, now: instant)) }
        print(value)
    }
}

/// `lake wfm sync [--tenant T]`: syncs statuses now.
struct WFMSyncCommand: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync execution statuses from the tenants' APIs now.")
    @Option(help: "Only this tenant.") var tenant: String?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions
    func run(in context: CLIContext) async throws {
        let manager = try WFMCommand.manager(try await context.open(options))
        let tenants: [TenantRecord]
        if let tenant { tenants = [try await manager.tenant(tenant)] } else { tenants = try await manager.env.stores.tenants() }
        let sync = WorkflowStatusSync(env: manager.env)
        var reports: [WorkflowStatusSync.Report] = []
        for t in tenants { reports.append(try await sync.sync(t)) }
        if output.json { return try Console.json(reports) }
        for r in reports { print("\(r.tenant): \(r.listed) listed, \(r.inserted) new, \(r.updated) updated, \(r.deleted) deleted, \(r.fetched) older fetched") }
    }
}

/// `lake wfm executions`: the status store, newest first.
struct WFMExecutionsCommand: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "executions", abstract: "List workflow executions, newest first.")
    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: "Only this status (PENDING, RUNNING, PUBLISHING, SUCCEEDED, FAILED, REJECTED, CANCELLED, DELETED).") var status: String?
    @Option(help: "Only this workflow.") var workflow: String?
    @Option(help: "At most this many.") var limit: Int = 100
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions
    func run(in context: CLIContext) async throws {
        var query = WorkflowExecutionQuery(tenant: tenant, workflowId: workflow, limit: limit)
        if let status {
            guard let s = WorkflowExecutionStatus(rawValue: status.uppercased()) else { throw ValidationError("--status takes one of \(WorkflowExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
            query.status = s
        }
        guard let manager = try await context.openReadOnly(options).workflows else {
            if output.json { return try Console.json([WorkflowExecutionView]()) }
            return print("no executions")
        }
        let rows = try await manager.executions(query)
        if output.json { return try Console.json(rows) }
        if rows.isEmpty { return print("no executions") }
        print(Console.table(
            ["TENANT", "EXECUTION", "WORKFLOW", "STATUS", "WINDOW", "CREATED", "BY"],
            rows.map { [$0.tenant, String($0.workflowExecutionId.prefix(8)), $0.workflowId, $0.status, "\($0.timeWindowStart ?? "-") .. \($0.timeWindowEnd ?? "-") \($0.timeWindowTimeZone ?? "")", ISOTime.string($0.createTime), $0.submittedBy] }))
    }
}

/// `lake wfm summary --tenant T [--since 1d]`.
struct WFMSummaryCommand: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "A tenant's executions over a period, by status, and its queue.")
    @OptionGroup var tenant: TenantOption
    @Option(help: "The period, e.g. 1d or 12h.") var since: String = "1d"
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions
    func run(in context: CLIContext) async throws {
        guard let period = DurationText.parse(since) else { throw ValidationError("--since takes a duration such as 1d or 12h") }
        let runtime = try await context.openReadOnly(options)
        let summary = try await WFMCommand.manager(runtime).summary(tenant: tenant.tenant, since: runtime.env.clock.now().addingTimeInterval(-period.seconds))
        if output.json { return try Console.json(summary) }
        print("\(summary.tenant) since \(ISOTime.string(summary.since)): \(summary.executionsSince) execution(s) (\(summary.allTime) remembered, \(summary.runningOrPending) running or pending now); \(summary.running) running, \(summary.pending) pending, \(summary.succeeded) succeeded, \(summary.failed) failed, \(summary.rejected) rejected, \(summary.cancelled) cancelled; \(summary.queued) queued, \(summary.deadLetter) dead-lettered")
    }
}
