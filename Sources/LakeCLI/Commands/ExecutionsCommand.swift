import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake executions`: the execution history, newest first, or one execution in full.
struct ExecutionsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions", abstract: "List pipeline executions, newest first, or show one with --id.")

    @Option(help: "Show this execution (its id, or the first 8+ characters of it) with its history.") var id: String?
    @Option(help: "Only this dataset, as TEAM/DATASET.") var dataset: String?
    @Option(help: "Only this status: RUNNING, COMPLETED or FAILED.") var status: String?
    @Option(help: "Only this stage: a or b.") var stage: String?
    @Option(help: "At most this many.") var limit: Int = 100
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        var filter = ExecutionFilter(limit: limit)
        if let dataset { filter.dataset = try parseDataset(dataset) }
        if let status {
            guard let s = ExecutionStatus(rawValue: status.uppercased()) else {
                throw ValidationError("--status takes RUNNING, COMPLETED or FAILED")
            }
            filter.status = s
        }
        if let stage {
            guard let s = PipelineStage(rawValue: stage.lowercased()) else { throw ValidationError("--stage takes a or b") }
            filter.stage = s
        }
        let runtime = try await context.openReadOnly(options)
        if let id {
            let execution = try await runtime.execution(id: id)
            if output.json { return try Console.json(execution) }
            return print(Self.detail(execution))
        }
        let executions = try await runtime.executions(filter)
        if output.json { return try Console.json(executions) }
        if executions.isEmpty { return print("no executions") }
        print(Console.table(
            ["ID", "STAGE", "DATASET", "STATUS", "STARTED", "SECONDS", "IN", "OUT", "ERROR"],
            executions.map { e in
                [String(e.id.prefix(8)), e.stage, "\(e.team)/\(e.dataset)", e.status, ISOTime.string(e.startedAt),
                 e.endedAt.map { String(format: "%.3f", $0.timeIntervalSince(e.startedAt)) } ?? "-", String(e.inputKeys.count),
                 String(e.outputKeys.count), e.error.map { String($0.prefix(80)) } ?? ""]
            }))
        let hints = executions.filter { $0.errorHint != nil }
        if !hints.isEmpty {
            print("")
            for e in hints.prefix(20) { print("\(e.id.prefix(8)) [\(e.errorCode ?? "error")] hint: \(e.errorHint ?? "")") }
            Console.note("details: `lake executions --id ID`; after fixing the cause: `lake redrive --dataset TEAM/DATASET --stage a|b`")
        }
    }

    /// One execution: its fields, history and error with hint.
    static func detail(_ e: ExecutionView) -> String {
        var lines = [
            "execution \(e.id)",
            "  stage \(e.stage) of \(e.team)/\(e.dataset) (pipeline \(e.pipeline)), attempt \(e.attempt)",
            "  status \(e.status), started \(ISOTime.string(e.startedAt))" + (e.endedAt.map { ", ended \(ISOTime.string($0))" } ?? ""),
        ]
        if let error = e.error {
            lines.append("  error[\(e.errorCode ?? "error")] in \(e.errorComponent ?? "?"): \(error)")
            if let hint = e.errorHint { lines.append("  hint: \(hint)") }
        }
        lines.append("history:")
        for step in e.history { lines.append("  \(ISOTime.string(step.at))  \(step.component.padding(toLength: 10, withPad: " ", startingAt: 0)) \(step.status)") }
        lines.append("input keys (\(e.inputKeys.count)):")
        lines += e.inputKeys.prefix(50).map { "  \($0)" }
        lines.append("output keys (\(e.outputKeys.count)):")
        lines += e.outputKeys.prefix(50).map { "  \($0)" }
        if !e.details.isEmpty {
            lines.append("details:")
            lines += e.details.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value.prefix(200))" }
        }
        return lines.joined(separator: "\n")
    }
}
