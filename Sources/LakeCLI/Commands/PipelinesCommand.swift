import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake pipelines`: the pipeline registry, and pausing or resuming a pipeline stage.
struct PipelinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines", abstract: "List pipelines, or make a stage ACTIVE or INACTIVE.",
        subcommands: [List.self, Deactivate.self, Activate.self], defaultSubcommand: List.self)

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List pipeline stages and their status.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let rows = try await context.openReadOnly(options).pipelines()
            if output.json { return try Console.json(rows) }
            if rows.isEmpty { return print("no pipelines registered yet (`lake process` or `lake run` registers lake.yaml's)") }
            print(Console.table(
                ["PIPELINE", "STATUS", "LAST EXECUTION", "LAST STATUS"],
                rows.map { [$0.id, $0.status.rawValue, $0.lastExecutionDate.map(ISOTime.string) ?? "-", $0.lastExecutionStatus?.rawValue ?? "-"] }))
        }
    }

    struct Deactivate: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "Make a pipeline stage INACTIVE: its messages wait.")
        @Argument(help: "TEAM/PIPELINE") var pipeline: String
        @Option(help: "a, b, or both when omitted.") var stage: String?
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws { try await setStatus(.inactive, pipeline: pipeline, stage: stage, options: options, context: context) }
    }

    struct Activate: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "activate", abstract: "Make a pipeline stage ACTIVE again.")
        @Argument(help: "TEAM/PIPELINE") var pipeline: String
        @Option(help: "a, b, or both when omitted.") var stage: String?
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws { try await setStatus(.active, pipeline: pipeline, stage: stage, options: options, context: context) }
    }
}

private func setStatus(_ status: PipelineStatus, pipeline: String, stage: String?, options: ConfigOptions, context: CLIContext) async throws {
    let parts = pipeline.split(separator: "/")
    guard parts.count == 2 else { throw ValidationError("write the pipeline as TEAM/PIPELINE") }
    let chosen: PipelineStage?
    switch stage?.lowercased() {
    case nil: chosen = nil
    case "a"?: chosen = .a
    case "b"?: chosen = .b
    default: throw ValidationError("--stage takes a or b")
    }
    let runtime = try await context.open(options)
    for record in try await runtime.setPipelineStatus(status, team: String(parts[0]), pipeline: String(parts[1]), stage: chosen) {
        print("\(record.id): \(record.status.rawValue)")
    }
}
