import ArgumentParser
import Foundation
import LakeCore
import LakeEngine

/// `lake status`: queue depths and execution counts.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show queue depths and executions per status.")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    struct QueueRow: Encodable {
        var name: String
        var visible: Int
        var inFlight: Int
        var delayed: Int
        var deadLetter: Int
    }
    struct Status: Encodable {
        var queues: [QueueRow]
        var executions: [String: Int]
    }

    func run() async throws {
        let handle = try await LakeHandle.open(options)
        try await handle.engine.prepare()
        let status = try await Self.collect(handle)
        if output.json {
            try Console.json(status)
            return
        }
        print(Console.table(
            ["QUEUE", "VISIBLE", "IN FLIGHT", "DELAYED", "DEAD LETTER"],
            status.queues.map { [$0.name, String($0.visible), String($0.inFlight), String($0.delayed), String($0.deadLetter)] }))
        print("")
        print("executions: " + ExecutionStatus.allCases.map { "\(status.executions[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
    }

    static func collect(_ handle: LakeHandle) async throws -> Status {
        let queues = handle.env.queues
        var rows: [QueueRow] = []
        for (name, options) in handle.engine.topology.queueSpecs(tuning: handle.env.tuning) where !name.rawValue.contains("-dlq") {
            let counts = try await queues.counts(name)
            var dead = 0
            if let dlq = options.deadLetterQueue { dead = try await queues.counts(dlq).total }
            if name == handle.engine.topology.names.catalog {
                dead += try await queues.counts(handle.engine.topology.names.routingDeadLetter).total
            }
            rows.append(QueueRow(name: name.rawValue, visible: counts.visible, inFlight: counts.inFlight, delayed: counts.delayed, deadLetter: dead))
        }
        let counts = try await handle.env.metadata.executionCounts(matching: ExecutionQuery())
        var executions: [String: Int] = [:]
        for status in ExecutionStatus.allCases { executions[status.rawValue] = counts[status] ?? 0 }
        return Status(queues: rows, executions: executions)
    }
}
