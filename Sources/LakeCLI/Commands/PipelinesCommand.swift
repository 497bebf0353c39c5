import ArgumentParser
import Foundation
import LakeCore

/// `lake pipelines`: the pipeline registry, and pausing or resuming a pipeline stage.
struct PipelinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines", abstract: "List pipelines, or make a stage ACTIVE or INACTIVE.",
        subcommands: [List.self, Deactivate.self, Activate.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List pipeline stages and their status.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run() async throws {
            let handle = try await LakeHandle.open(options)
            try await handle.engine.prepare()
            let rows = try await handle.env.metadata.pipelines().sorted { $0.id < $1.id }
            if output.json { return try Console.json(rows) }
            print(Console.table(
                ["PIPELINE", "STATUS", "LAST EXECUTION", "LAST STATUS"],
                rows.map { [$0.id, $0.status.rawValue, $0.lastExecutionDate.map(ISOTime.string) ?? "-", $0.lastExecutionStatus?.rawValue ?? "-"] }))
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "Make a pipeline stage INACTIVE: its messages wait.")
        @Argument(help: "TEAM/PIPELINE") var pipeline: String
        @Option(help: "a, b, or both when omitted.") var stage: String?
        @OptionGroup var options: ConfigOptions
        func run() async throws { try await setStatus(.inactive, pipeline: pipeline, stage: stage, options: options) }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "activate", abstract: "Make a pipeline stage ACTIVE again.")
        @Argument(help: "TEAM/PIPELINE") var pipeline: String
        @Option(help: "a, b, or both when omitted.") var stage: String?
        @OptionGroup var options: ConfigOptions
        func run() async throws { try await setStatus(.active, pipeline: pipeline, stage: stage, options: options) }
    }
}

private func setStatus(_ status: PipelineStatus, pipeline: String, stage: String?, options: ConfigOptions) async throws {
    let parts = pipeline.split(separator: "/")
    guard parts.count == 2 else { throw ValidationError("write the pipeline as TEAM/PIPELINE") }
    let stages: [PipelineStage]
    switch stage?.lowercased() {
    case nil: stages = PipelineStage.allCases
    case "a"?: stages = [.a]
    case "b"?: stages = [.b]
    default: throw ValidationError("--stage takes a or b")
    }
    let handle = try await LakeHandle.open(options)
    try await handle.engine.prepare()
    var changed = 0
    for s in stages {
        let id = PipelineRecord.id(team: String(parts[0]), pipeline: String(parts[1]), stage: s)
        guard var record = try await handle.env.metadata.pipeline(id: id) else { continue }
        record.status = status
        record.updatedAt = handle.env.clock.now()
        try await handle.env.metadata.upsertPipeline(record)
        print("\(id): \(status.rawValue)")
        changed += 1
    }
    if changed == 0 {
        throw LakeError(.notFound, "no pipeline \(pipeline) in the registry", hint: "`lake pipelines` lists them")
    }
}
