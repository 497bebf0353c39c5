import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake process --until-idle`: runs every service until the lake is idle, then exits.
struct ProcessCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run every service until all queues are empty and nothing runs, then exit.",
        discussion: "Schedules fire as soon as nothing else is pending, and batches below min_items are drained. Queues of INACTIVE pipelines are left waiting.")

    @Flag(name: .long, help: "Run until idle (the default and only mode; `lake run` is the daemon).") var untilIdle = false
    @Option(help: "Give up after this long, e.g. 10m.") var timeout: String?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        var limit: Duration?
        if let timeout {
            guard let d = DurationText.parse(timeout) else { throw ValidationError("--timeout takes a duration such as 90s or 10m") }
            limit = d
        }
        let runtime = try await context.open(options) { $0.watch = true }
        let summary = try await runtime.processUntilIdle(timeout: limit)
        if output.json { return try Console.json(summary) }
        let parts = ExecutionStatus.allCases.map { "\(summary.executions[$0.rawValue] ?? 0) \($0.rawValue.lowercased())" }
        print(String(format: "idle after %.2fs; executions: %@", summary.elapsedSeconds, parts.joined(separator: ", ")))
        for (queue, n) in summary.waitingInactive.sorted(by: { $0.key < $1.key }) {
            print("  \(n) message(s) wait in \(queue) (pipeline INACTIVE)")
        }
        if (summary.executions[ExecutionStatus.failed.rawValue] ?? 0) > 0 {
            Console.note("some executions failed: `lake executions --status FAILED` shows why; fix, then `lake redrive`")
        }
    }
}
