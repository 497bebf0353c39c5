import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm workflows put|list|get|delete`: each change goes to the tenant's API at once.
struct WFMWorkflowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows", abstract: "Put, list, show and delete a tenant's workflows (applied to its API at once).",
        subcommands: [Put.self, List.self, Get.self, Delete.self])

    /// A workflow as the CLI shows it.
    struct Row: Encodable {
        var tenant: String
        var workflowId: String
        var syncState: String
        var syncError: String?
        var syncedAt: Date?
        var updatedAt: Date
        var body: ConfigValue
        init(_ r: WorkflowRecord) {
            tenant = r.tenant
            workflowId = r.workflowId
            syncState = r.syncState.rawValue
            syncError = r.syncError
            syncedAt = r.syncedAt
            updatedAt = r.updatedAt
            body = (try? JSONDecoder().decode(ConfigValue.self, from: Data(r.body.utf8))) ?? .null
        }
        enum CodingKeys: String, CodingKey { case tenant, workflowId, syncState, syncError, syncedAt, updatedAt, body }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(tenant, forKey: .tenant)
            try c.encode(workflowId, forKey: .workflowId)
            try c.encode(syncState, forKey: .syncState)
            try c.encode(syncError, forKey: .syncError)
            try c.encode(syncedAt, forKey: .syncedAt)
            try c.encode(updatedAt, forKey: .updatedAt)
            try c.encode(body, forKey: .body)
        }
    }

    static func table(_ rows: [Row]) -> String {
        Console.table(["TENANT", "WORKFLOW", "SYNC", "ERROR"], rows.map { [$0.tenant, $0.workflowId, $0.syncState, String(($0.syncError ?? "").prefix(80))] })
    }

    struct Put: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "put", abstract: "Create or update workflows from a JSON file (one AMC workflow body or a list).")
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The JSON file, or - for standard input.") var file: String
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let data = try WFMCommand.read(file)
            let bodies = try ExecutionRequest.parseList(data)
            let saved = try await WFMCommand.manager(try await context.open(options)).putWorkflows(tenant: tenant.tenant, bodies: bodies).map(Row.init)
            if output.json { try Console.json(saved) } else { print(WFMWorkflowsCommand.table(saved)) }
            let failed = saved.filter { $0.syncState != "SYNCED" }
            if !failed.isEmpty {
                throw CommandFailure(code: 1, message: "\(failed.count) workflow(s) saved but not yet on the tenant's API; `lake run` retries them")
            }
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List workflows and their sync state.")
        @Option(help: "Only this tenant.") var tenant: String?
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            let rows = try await WFMCommand.manager(try await context.openReadOnly(options)).env.stores.workflows(tenant: tenant).map(Row.init)
            if output.json { return try Console.json(rows) }
            print(rows.isEmpty ? "no workflows" : WFMWorkflowsCommand.table(rows))
        }
    }

    struct Get: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one workflow.")
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The workflow id.") var id: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            guard let record = try await WFMCommand.manager(try await context.openReadOnly(options)).env.stores.workflow(tenant: tenant.tenant, id: id) else {
                throw LakeError(.notFound, "tenant \(tenant.tenant) has no workflow '\(id)'")
            }
            try Console.json(Row(record))
        }
    }

    struct Delete: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a workflow here and from the tenant's API.")
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The workflow id.") var id: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            let record = try await WFMCommand.manager(try await context.open(options)).deleteWorkflow(tenant: tenant.tenant, workflowId: id)
            if record.syncState == .synced { return print("deleted \(id)") }
            throw CommandFailure(code: 1, message: "\(id) is marked for deletion; the API refused for now (\(record.syncError ?? "?")); `lake run` retries")
        }
    }
}
