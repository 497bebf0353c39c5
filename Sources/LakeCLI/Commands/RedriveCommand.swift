import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake redrive`: puts dead-lettered work back on its queue once the cause is fixed.
struct RedriveCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract: "Move failed work back to its queue.",
        discussion: "`--routing` redrives objects that could not be routed (fix lake.yaml first). `--dataset T/D --stage a|b` redrives a dataset's failed stage; stage-B keys go back to their table's priority queue.")

    @Option(help: "Dataset, as TEAM/DATASET.") var dataset: String?
    @Option(help: "Stage: a or b.") var stage: String?
    @Flag(help: "Redrive the routing (and catalog) dead-letter queue.") var routing = false
    @Option(help: "At most this many dead-letter messages.") var max: Int?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if routing {
            if dataset != nil || stage != nil { throw ValidationError("use either --routing or --dataset with --stage") }
        } else if dataset == nil || stage == nil {
            throw ValidationError("give --dataset TEAM/DATASET and --stage a|b, or --routing")
        }
        if let max, max < 1 { throw ValidationError("--max must be at least 1") }
    }

    func run(in context: CLIContext) async throws {
        let target: RedriveTarget
        if routing {
            target = .routing
        } else {
            guard let s = PipelineStage(rawValue: stage?.lowercased() ?? "") else { throw ValidationError("--stage takes a or b") }
            target = .stage(try parseDataset(dataset ?? ""), s)
        }
        let report = try await context.open(options).redrive(target, max: max)
        if output.json { return try Console.json(report) }
        print("redrove \(report.moved) message(s)")
        for (target, n) in report.byTarget.sorted(by: { $0.key < $1.key }) { print("  \(n) -> \(target)") }
        if report.skipped > 0 { print("  \(report.skipped) left in place (other datasets or unreadable)") }
        if report.moved > 0 { Console.note("next: `lake process --until-idle`") }
    }
}
