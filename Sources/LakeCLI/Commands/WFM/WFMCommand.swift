import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm`: the workflow manager — tenants, their workflows, execution requests (queued,
/// never sent straight to the API), schedules, status sync and views.
struct WFMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wfm", abstract: "The workflow manager: tenants, workflows, queued executions, schedules, status sync.",
        discussion: "`lake run` submits queued requests within each tenant's cap, fires schedules and syncs statuses; `lake process --until-idle` submits what it can now.",
        subcommands: [
            WFMTenantsCommand.self, WFMLibraryCommand.self, WFMWorkflowsCommand.self, WFMExecuteCommand.self, WFMResolveCommand.self, WFMSchedulesCommand.self,
            WFMSyncCommand.self, WFMExecutionsCommand.self, WFMSummaryCommand.self, WFMBackfillCommand.self, WFMResubmitCommand.self,
            WFMSimulatorCommand.self,
        ])

    /// The runtime's workflow manager, or an error saying how to get one.
    static func manager(_ runtime: LakeRuntime) throws -> WorkflowManager { try runtime.requireWorkflows() }

    /// The bytes of FILE, or of standard input for `-`.
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LakeError(.usage, "cannot read \(path)", hint: "check the path, or pass - to read standard input")
        }
        return data
    }
}

/// `--tenant T`.
struct TenantOption: ParsableArguments {
    @Option(help: "The tenant (customerId).") var tenant: String
}
