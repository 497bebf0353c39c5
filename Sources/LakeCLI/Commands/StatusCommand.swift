import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

/// `lake status`: queue depths and execution counts.
struct StatusCommand: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show queue depths and executions per status.")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        let status = try await context.openReadOnly(options).status()
        if output.json { return try Console.json(status) }
        print(Console.table(
            ["QUEUE", "VISIBLE", "IN FLIGHT", "DELAYED", "DEAD LETTER"],
            status.queues.map { [$0.name, String($0.visible), String($0.inFlight), String($0.delayed), String($0.deadLetter)] }))
        print("")
        print("executions: " + ExecutionStatus.allCases.map { "\(status.executions[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
    }
}
