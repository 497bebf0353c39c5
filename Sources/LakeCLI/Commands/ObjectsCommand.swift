import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake objects`: the object metadata Octagon keeps.
struct ObjectsCommand: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "objects", abstract: "List objects recorded in the metadata store.")

    @Option(help: "Only this zone: raw, stage, analytics or artifacts.") var zone: String?
    @Option(help: "Only this dataset, as TEAM/DATASET.") var dataset: String?
    @Option(help: "At most this many.") var limit: Int = 1000
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        var query = ObjectQuery(limit: limit)
        if let zone {
            guard let z = Zone(rawValue: zone) else { throw ValidationError("--zone takes raw, stage, analytics or artifacts") }
            query.zone = z
        }
        if let dataset { query.dataset = try parseDataset(dataset) }
        let records = try await context.openReadOnly(options).objects(query)
        if output.json { return try Console.json(records) }
        if records.isEmpty { return print("no objects") }
        print(Console.table(
            ["ZONE", "KEY", "SIZE", "STAGE", "EXECUTION"],
            records.map { [$0.zone.rawValue, $0.key, String($0.size), $0.pipelineStage ?? "", String(($0.executionId ?? "").prefix(8))] }))
    }
}
