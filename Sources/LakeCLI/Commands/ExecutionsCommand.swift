import ArgumentParser
import Foundation
import LakeCore

/// `lake executions`: the execution history, newest first.
struct ExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "executions", abstract: "List pipeline executions, newest first.")

    @Option(help: "Only this dataset, as TEAM/DATASET.") var dataset: String?
    @Option(help: "Only this status: RUNNING, COMPLETED or FAILED.") var status: String?
    @Option(help: "Only this stage: a or b.") var stage: String?
    @Option(help: "At most this many.") var limit: Int = 100
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    /// The JSON shape scripts depend on.
    struct Row: Encodable {
        var id: String
        var pipeline: String
        var stage: String
        var team: String
        var dataset: String
        var status: String
        var startedAt: Date
        var endedAt: Date?
        var inputKeys: [String]
        var outputKeys: [String]
        var history: [HistoryEntry]
        var error: String?
        var attempt: Int
        var details: [String: String]

        init(_ r: ExecutionRecord) {
            id = r.id
            pipeline = r.pipeline
            stage = r.stage.rawValue
            team = r.team
            dataset = r.dataset
            status = r.status.rawValue
            startedAt = r.startedAt
            endedAt = r.endedAt
            inputKeys = r.inputKeys
            outputKeys = r.outputKeys
            history = r.history
            error = r.error
            attempt = r.attempt
            details = r.details
        }

        enum CodingKeys: String, CodingKey {
            case id, pipeline, stage, team, dataset, status, startedAt, endedAt, inputKeys, outputKeys, history, error, attempt, details
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(pipeline, forKey: .pipeline)
            try c.encode(stage, forKey: .stage)
            try c.encode(team, forKey: .team)
            try c.encode(dataset, forKey: .dataset)
            try c.encode(status, forKey: .status)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(endedAt, forKey: .endedAt)
            try c.encode(inputKeys, forKey: .inputKeys)
            try c.encode(outputKeys, forKey: .outputKeys)
            try c.encode(history, forKey: .history)
            try c.encode(error, forKey: .error)
            try c.encode(attempt, forKey: .attempt)
            try c.encode(details, forKey: .details)
        }
    }

    func run() async throws {
        var query = ExecutionQuery(limit: limit)
        if let dataset { query.dataset = try DatasetRef(parsing: dataset) }
        if let status {
            guard let s = ExecutionStatus(rawValue: status.uppercased()) else {
                throw ValidationError("--status takes RUNNING, COMPLETED or FAILED")
            }
            query.status = s
        }
        if let stage {
            guard let s = PipelineStage(rawValue: stage.lowercased()) else { throw ValidationError("--stage takes a or b") }
            query.stage = s
        }
        let handle = try await LakeHandle.open(options)
        let records = try await handle.env.metadata.executions(matching: query)
        if output.json {
            try Console.json(records.map(Row.init))
            return
        }
        if records.isEmpty {
            print("no executions")
            return
        }
        print(Console.table(
            ["ID", "STAGE", "DATASET", "STATUS", "STARTED", "SECONDS", "IN", "OUT", "ERROR"],
            records.map { r in
                [String(r.id.prefix(8)), r.stage.rawValue, "\(r.team)/\(r.dataset)", r.status.rawValue, ISOTime.string(r.startedAt),
                 r.durationSeconds.map { String(format: "%.3f", $0) } ?? "-", String(r.inputKeys.count), String(r.outputKeys.count),
                 r.error.map { String($0.prefix(80)) } ?? ""]
            }))
    }
}
