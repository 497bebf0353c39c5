import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm library put|list|remove|sync`: the workflow library kept in sync across tenants.
struct WFMLibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library", abstract: "The workflow library: workflows deployed to every matching tenant as <workflowId>_v<version>.",
        discussion: """
            Each tenant's enableWorkflowLibrary* flags decide what reaches it: NewContent (workflows new to it), Updates (new \
            versions, changed bodies and schedules), ScheduleCreation (the item's defaultSchedule as wfm-<customerId>-<workflowId>), \
            Removal and ScheduleRemoval (when an item is removed). A tenant added later gets the whole library.
            """,
        subcommands: [Put.self, List.self, Remove.self, Sync.self])

    struct Put: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "put", abstract: "Add or update library items from a JSON file (one item or a list; - for stdin) and deploy them.",
            discussion: "An item: the AMC workflow body (workflowId, sqlQuery, inputParameters, ...) plus version (default 1), defaultSchedule {expression, payload}, endemicType and customerPrefix filters.")
        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let data = try WFMCommand.read(file)
            let runtime = try await context.open(options)
            let manager = try WFMCommand.manager(runtime)
            let items = try LibraryDocument.parseList(data, at: runtime.env.clock.now())
            try WFMLibraryCommand.report(try await manager.putLibrary(items), json: output.json, empty: "saved; no tenant to deploy to yet")
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List library items.")
        @Flag(help: "Include removed items (kept so later syncs remove their copies).") var removed = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let items = try await WFMCommand.manager(try await context.openReadOnly(options)).libraryItems(includingRemoved: removed)
            if output.json { return try Console.json(items.map(LibraryItemView.init)) }
            if items.isEmpty { return print("the library is empty; add items with `lake wfm library put FILE`") }
            print(Console.table(
                ["WORKFLOW", "DEPLOYED AS", "SCHEDULE", "FOR", "STATE"],
                items.map {
                    [$0.workflowId, $0.deployedId, $0.defaultSchedule?.expression ?? "-",
                     [$0.endemicType, $0.customerPrefix.map { "prefix \($0)" }].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "all",
                     $0.removed ? "removed" : "active"]
                }))
        }
    }

    struct Remove: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove an item; its deployed copies and schedules go where the tenants' removal flags allow.")
        @Argument(help: "The library item's workflowId.") var workflowId: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let manager = try WFMCommand.manager(try await context.open(options))
            try WFMLibraryCommand.report(try await manager.removeLibraryItem(workflowId), json: output.json, empty: "removed; no tenant had it")
        }
    }

    struct Sync: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "sync", abstract: "Show and apply the differences between the library and the tenants.")
        @Option(help: "Only this tenant.") var tenant: String?
        @Flag(help: "Show the differences without applying them.") var dryRun = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let runtime = dryRun ? try await context.openReadOnly(options) : try await context.open(options)
            let actions = try await WFMCommand.manager(runtime).syncLibrary(tenant: tenant, dryRun: dryRun)
            try WFMLibraryCommand.report(actions, json: output.json, empty: "every tenant is in line with the library")
        }
    }

    /// Prints library actions; exit 1 when one failed.
    static func report(_ actions: [LibraryAction], json: Bool, empty: String) throws {
        if json {
            try Console.json(actions)
        } else if actions.isEmpty {
            print(empty)
        } else {
            print(Console.table(
                ["TENANT", "ACTION", "TARGET", "OUTCOME", "DETAIL"],
                actions.map { [$0.tenant, $0.action.rawValue, $0.target, $0.outcome.rawValue, $0.detail ?? ""] }))
        }
        let failed = actions.filter { $0.outcome == .failed }
        if !failed.isEmpty {
            throw CommandFailure(code: 1, message: "\(failed.count) library action(s) failed; `lake wfm library sync` retries them")
        }
    }
}

/// A library item as `lake wfm library list --json` shows it.
struct LibraryItemView: Encodable {
    var workflowId: String
    var version: String
    var deployedId: String
    var body: ConfigValue
    var defaultSchedule: LibraryItem.DefaultSchedule?
    var endemicType: String?
    var customerPrefix: String?
    var removed: Bool
    var updatedAt: Date

    init(_ item: LibraryItem) {
        workflowId = item.workflowId
        version = item.version
        deployedId = item.deployedId
        body = (try? JSONDecoder().decode(ConfigValue.self, from: Data(item.body.utf8))) ?? .string(item.body)
        defaultSchedule = item.defaultSchedule
        endemicType = item.endemicType
        customerPrefix = item.customerPrefix
        removed = item.removed
        updatedAt = item.updatedAt
    }
}

extension String {
    /// nil when empty.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
