import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake ingest`: lands local files in raw and emits their landing events.
struct IngestCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Copy files into raw as <team>/<dataset>/[<table>/]<name> and emit landing events.",
        discussion: "Directories are walked; files keep their relative path. Run `lake process` or `lake run` to process them.")

    @Argument(help: "Files or directories to land.") var paths: [String]
    @Option(help: "Team that owns the dataset.") var team: String
    @Option(help: "Dataset name.") var dataset: String
    @Option(help: "Table (third key segment); default: taken from each file's name.") var table: String?
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let runtime = try await context.open(options)
        let ref = DatasetRef(team: team, dataset: dataset)
        if !runtime.defines(ref) {
            Console.note("warning: dataset \(ref) is not in lake.yaml; its files will go to the routing dead-letter queue until it is (then `lake redrive --routing`).")
        }
        let landed = try await runtime.ingest(paths: paths.map { URL(fileURLWithPath: $0) }, dataset: ref, table: table)
        if output.json {
            try Console.json(landed.map { ["source": $0.source, "key": $0.key, "size": String($0.size)] })
        } else {
            let bytes = landed.reduce(Int64(0)) { $0 + $1.size }
            print("landed \(landed.count) file(s), \(bytes) bytes, in raw/\(ref.team)/\(ref.dataset)/")
            Console.note("next: `lake process --until-idle` (or keep `lake run` going)")
        }
    }
}
