import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

/// `lake ingest`: lands local files in raw and emits their landing events.
struct IngestCommand: AsyncParsableCommand {
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

    func run() async throws {
        let handle = try await LakeHandle.open(options)
        try await handle.engine.prepare()
        let ref = DatasetRef(team: team, dataset: dataset)
        if handle.config.dataset(ref) == nil {
            Console.note("warning: dataset \(ref) is not in lake.yaml; its files will go to the routing dead-letter queue until it is (then `lake redrive --routing`).")
        }
        let ingestor = Ingestor(env: handle.env)
        let planned = try ingestor.plan(paths: paths.map { URL(fileURLWithPath: $0) }, dataset: ref, table: table)
        let landed = try await ingestor.ingest(planned)
        try await handle.embedded?.watcher.markSeen(landed.map(\.info))
        if output.json {
            try Console.json(landed.map { ["source": $0.source, "key": $0.info.location.key.rawValue, "size": String($0.info.size)] })
        } else {
            let bytes = landed.reduce(Int64(0)) { $0 + $1.info.size }
            print("landed \(landed.count) file(s), \(bytes) bytes, in raw/\(ref.team)/\(ref.dataset)/")
            Console.note("next: `lake process --until-idle` (or keep `lake run` going)")
        }
    }
}
