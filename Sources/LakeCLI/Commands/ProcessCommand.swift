import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

/// `lake process --until-idle`: runs every service until the lake is idle, then exits.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run every service until all queues are empty and nothing runs, then exit.",
        discussion: "Schedules fire as soon as nothing else is pending, and batches below min_items are drained. Queues of INACTIVE pipelines are left waiting.")

    @Flag(name: .long, help: "Run until idle (the default and only mode; `lake run` is the daemon).") var untilIdle = false
    @Option(help: "Give up after this long, e.g. 10m.") var timeout: String?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var limit: Duration?
        if let timeout {
            guard let d = DurationText.parse(timeout) else { throw ValidationError("--timeout takes a duration such as 90s or 10m") }
            limit = d
        }
        let handle = try await LakeHandle.open(options, watch: true)
        _ = try await handle.embedded?.queues.reclaimOrphanedLeases()
        try await handle.engine.prepare()
        let report = try await handle.engine.runUntilIdle(timeout: limit)
        let counts = try await handle.env.metadata.executionCounts(matching: ExecutionQuery())
        if output.json {
            try Console.json(ProcessSummary(
                elapsedSeconds: report.elapsedSeconds,
                executions: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                waitingInactive: report.waitingInactive))
        } else {
            let parts = ExecutionStatus.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue.lowercased())" }
            print(String(format: "idle after %.2fs; executions: %@", report.elapsedSeconds, parts.joined(separator: ", ")))
            for (queue, n) in report.waitingInactive.sorted(by: { $0.key < $1.key }) {
                print("  \(n) message(s) wait in \(queue) (pipeline INACTIVE)")
            }
        }
        if (counts[.failed] ?? 0) > 0 && !output.json {
            Console.note("some executions failed: `lake executions --status FAILED` shows why; fix, then `lake redrive`")
        }
    }

    struct ProcessSummary: Encodable {
        var elapsedSeconds: Double
        var executions: [String: Int]
        var waitingInactive: [String: Int]
    }
}
