import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeWorkflows

/// `lake wfm schedules put|list|enable|disable|delete`.
struct WFMSchedulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedules", abstract: "Schedules: run a workflow whenever an expression fires.",
        discussion: "Expressions: custom(H * *) hourly, custom(D * 14) daily at 14h UTC, custom(W 0 8) Mondays at 8h, custom(M 15 2) the 15th at 2h, cron(min hour dom month dow year), rate(2 hours).",
        subcommands: [Put.self, List.self, Enable.self, Disable.self, Delete.self])

    struct Put: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "put", abstract: "Create or update a schedule.")
        @OptionGroup var tenant: TenantOption
        @Option(help: "The schedule's name.") var name: String
        @Option(help: "The workflow to run.") var workflow: String
        @Option(help: "When: custom(...), cron(...) or rate(...).") var expression: String
        @Option(help: "A JSON file with the execution request (time window, parameters); default {}.") var payload: String?
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            var body: [String: ConfigValue] = [:]
            if let payload { body = try ExecutionRequest.parseList(try WFMCommand.read(payload)).first ?? [:] }
            let manager = try WFMCommand.manager(try await context.open(options))
            let schedule = try await manager.putSchedule(name: name, tenant: tenant.tenant, workflowId: workflow, expression: expression, payload: body)
            let view = ScheduleView(schedule, now: manager.env.clock.now())
            if output.json { return try Console.json(view) }
            print("\(view.name): \(view.expression) (\(view.state)); next fire \(view.nextFire.map(ISOTime.string) ?? "-")")
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List schedules with their next fire time.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        func run(in context: CLIContext) async throws {
            guard let manager = try await context.openReadOnly(options).workflows else {
                if output.json { return try Console.json([ScheduleView]()) }
                return print("no schedules")
            }
            let rows = try await manager.scheduleViews()
            if output.json { return try Console.json(rows) }
            if rows.isEmpty { return print("no schedules") }
            print(Console.table(
                ["NAME", "TENANT", "WORKFLOW", "EXPRESSION", "STATE", "LAST FIRED", "NEXT FIRE"],
                rows.map { [$0.name, $0.tenant, $0.workflowId, $0.expression, $0.state, $0.lastFired.map(ISOTime.string) ?? "-", $0.nextFire.map(ISOTime.string) ?? "-"] }))
        }
    }

    struct Enable: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a schedule.")
        @Argument(help: "The schedule's name.") var name: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            _ = try await WFMCommand.manager(try await context.open(options)).setScheduleEnabled(name, enabled: true)
            print("\(name): ENABLED")
        }
    }

    struct Disable: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a schedule.")
        @Argument(help: "The schedule's name.") var name: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            _ = try await WFMCommand.manager(try await context.open(options)).setScheduleEnabled(name, enabled: false)
            print("\(name): DISABLED")
        }
    }

    struct Delete: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a schedule.")
        @Argument(help: "The schedule's name.") var name: String
        @OptionGroup var options: ConfigOptions
        func run(in context: CLIContext) async throws {
            try await WFMCommand.manager(try await context.open(options)).deleteSchedule(name)
            print("deleted \(name)")
        }
    }
}
