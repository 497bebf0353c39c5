import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm tenants put|list|get|remove`.
struct WFMTenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants", abstract: "Add, list, show and remove tenants.", subcommands: [Put.self, List.self, Get.self, Remove.self])

    struct Put: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "put", abstract: "Add or update tenants from a JSON file (one record or a list; - for stdin).",
            discussion: "The record: {customerId, customerName, customerPrefix, endemicType, AMC: {amcApiEndpoint, amcRegion, auth (sigv4|bearer|none), tokenFile, tokenEnv, ...}, maximumConcurrentWorkflowExecutions, syncWorkflowStatuses: {lookBackHours, retentionDays}, enableWorkflowLibrary*}.")
        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let data = try WFMCommand.read(file)
            let runtime = try await context.open(options)
            let manager = try WFMCommand.manager(runtime)
            let tenants = try TenantDocument.parseList(data, at: runtime.env.clock.now())
            try await manager.putTenants(tenants)
            if output.json { return try Console.json(tenants.map(TenantView.init)) }
            for tenant in tenants { print("\(tenant.id): \(tenant.apiEndpoint) (auth \(tenant.auth.kind), max \(tenant.maxConcurrent) concurrent)") }
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tenants.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let tenants = try await WFMCommand.manager(try await context.openReadOnly(options)).env.stores.tenants().map(TenantView.init)
            if output.json { return try Console.json(tenants) }
            if tenants.isEmpty { return print("no tenants; add one with `lake wfm tenants put FILE`") }
            print(Console.table(
                ["TENANT", "ENDPOINT", "AUTH", "MAX", "LOOKBACK", "LAST SYNC"],
                tenants.map { [$0.customerId, $0.amcApiEndpoint, $0.auth, String($0.maximumConcurrentWorkflowExecutions), "\($0.lookBackHours)h", $0.lastSyncedAt.map(ISOTime.string) ?? "-"] }))
        }
    }

    struct Get: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one tenant.")
        @Argument(help: "The tenant id.") var id: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let tenant = TenantView(try await WFMCommand.manager(try await context.openReadOnly(options)).tenant(id))
            if output.json { return try Console.json(tenant) }
            print(String(decoding: try Console.jsonEncoder.encode(tenant), as: UTF8.self))
        }
    }

    struct Remove: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a tenant (its queue, workflows and history stay).")
        @Argument(help: "The tenant id.") var id: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            try await WFMCommand.manager(try await context.open(options)).removeTenant(id)
            print("removed tenant \(id)")
        }
    }
}

/// A tenant as the CLI shows it: the TPS record's names, no secrets (tokens are never stored).
struct TenantView: Encodable {
    var customerId: String
    var customerName: String
    var customerPrefix: String
    var endemicType: String
    var amcApiEndpoint: String
    var amcRegion: String
    var auth: String
    var maximumConcurrentWorkflowExecutions: Int
    var lookBackHours: Int
    var retentionDays: Int
    var lastSyncedAt: Date?

    init(_ t: TenantRecord) {
        customerId = t.id
        customerName = t.name
        customerPrefix = t.prefix
        endemicType = t.endemicType
        amcApiEndpoint = t.apiEndpoint
        amcRegion = t.region
        auth = t.auth.kind
        maximumConcurrentWorkflowExecutions = t.maxConcurrent
        lookBackHours = t.lookbackHours
        retentionDays = t.retentionDays
        lastSyncedAt = t.lastSyncedAt
    }
}
