import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

/// `lake redrive`: puts dead-lettered work back on its queue once the cause is fixed.
struct RedriveCommand: AsyncParsableCommand {
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

    func run() async throws {
        let handle = try await LakeHandle.open(options)
        try await handle.engine.prepare()
        let redriver = Redriver(env: handle.env, topology: handle.engine.topology, priorities: handle.engine.priorities)
        let report: Redriver.Report
        if routing {
            report = try await redriver.redriveRouting(max: max)
        } else {
            let ref = try DatasetRef(parsing: dataset ?? "")
            switch stage?.lowercased() {
            case "a": report = try await redriver.redriveStageA(ref, max: max)
            case "b": report = try await redriver.redriveStageB(ref, max: max)
            default: throw ValidationError("--stage takes a or b")
            }
        }
        if output.json {
            try Console.json(report)
            return
        }
        print("redrove \(report.moved) message(s)")
        for (target, n) in report.byTarget.sorted(by: { $0.key < $1.key }) { print("  \(n) -> \(target)") }
        if report.skipped > 0 { print("  \(report.skipped) left in place (other datasets or unreadable)") }
        if report.moved > 0 { Console.note("next: `lake process --until-idle`") }
    }
}
