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
            commandName: "put", abstract: "Add or update tenants from a JSON file (one record or a list; - for stdin) and provision them.",
            discussion: "Provisioning, idempotent, step by step: the record, the tenant's execution queue and DLQ, its landing route (embedded: <lake>/landing/<customerId>/, routed into raw as <amcTeamName>/<amcDatasetName>/), its team and dataset in the registry when lake.yaml lacks them, then the workflow library. A failed step is kept on the record; `lake run` retries it. Exit 1 when a step failed. The record: {customerId, customerName, customerPrefix, endemicType, AMC: {amcApiEndpoint, amcRegion, auth (sigv4|bearer|none), tokenFile, tokenEnv, ...}, maximumConcurrentWorkflowExecutions, syncWorkflowStatuses: {lookBackHours, retentionDays}, enableWorkflowLibrary*}.")
        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let data = try WFMCommand.read(file)
            let runtime = try await context.open(options)
            let tenants = try TenantDocument.parseList(data, at: runtime.env.clock.now())
            let steps = try await runtime.putTenants(tenants)
            try WFMTenantsCommand.report(steps, json: output.json)
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
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a tenant: its queues, landing route and record (workflows, history and landed data stay unless --purge).")
        @Argument(help: "The tenant id.") var id: String
        @Flag(help: "Also forget its workflows and schedules here and delete files still waiting in its landing location.") var purge = false
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let steps = try await context.open(options).removeTenant(id, purge: purge)
            try WFMTenantsCommand.report(steps, json: output.json)
        }
    }
}

extension WFMTenantsCommand {
    /// Prints provisioning steps as `lake aws bootstrap` prints its actions; exit 1 when one failed.
    static func report(_ steps: [TenantProvisionStep], json: Bool) throws {
        if json {
            try Console.json(steps)
        } else {
            print(Console.table(["TENANT", "STEP", "STATUS", "DETAIL"], steps.map { [$0.tenant, $0.step, $0.status.rawValue, $0.detail ?? ""] }))
        }
        let failed = steps.filter { $0.status == .failed }
        if !failed.isEmpty {
            throw CommandFailure(
                code: 1, message: failed.map { "tenant \($0.tenant): step \($0.step) failed: \($0.detail ?? "")" }.joined(separator: "\n")
                    + "\n(kept on the record; `lake run` retries it, or run `lake wfm tenants put` again)")
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
    var amcTeamName: String
    var amcDatasetName: String
    var amcS3BucketName: String?
    var amcOrangeAwsAccount: String?
    var enableWorkflowLibraryNewContent: Bool
    var enableWorkflowLibraryUpdates: Bool
    var enableWorkflowLibraryScheduleCreation: Bool
    var enableWorkflowLibraryRemoval: Bool
    var enableWorkflowLibraryScheduleRemoval: Bool
    /// The provisioning step that failed last, and why; nil when provisioning finished.
    var provisionFailure: TenantProvisionFailure?

    init(_ t: TenantRecord) {
        amcTeamName = t.landingTeam
        amcDatasetName = t.landingDataset
        amcS3BucketName = t.bucketName
        amcOrangeAwsAccount = t.orangeAccount
        enableWorkflowLibraryNewContent = t.libraryNewContent
        enableWorkflowLibraryUpdates = t.libraryUpdates
        enableWorkflowLibraryScheduleCreation = t.libraryScheduleCreation
        enableWorkflowLibraryRemoval = t.libraryRemoval
        enableWorkflowLibraryScheduleRemoval = t.libraryScheduleRemoval
        provisionFailure = t.provisionFailure
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
