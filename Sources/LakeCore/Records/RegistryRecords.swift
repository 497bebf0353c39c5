import Foundation

/// Octagon's Datasets row, keyed `<team>-<dataset>`; derived from lake.yaml.
public struct DatasetRecord: Sendable, Hashable, Codable {
    public var id: String
    public var team: String
    public var name: String
    public var pipeline: String
    public var stageATransform: String
    public var stageBTransform: String?
    public var minItems: Int
    public var maxItems: Int
    public var version: Int
    public var updatedAt: Date
    public init(team: String, name: String, pipeline: String, stageATransform: String, stageBTransform: String?, minItems: Int, maxItems: Int, version: Int = 1, updatedAt: Date) {
        self.id = "\(team)-\(name)"
        self.team = team
        self.name = name
        self.pipeline = pipeline
        self.stageATransform = stageATransform
        self.stageBTransform = stageBTransform
        self.minItems = minItems
        self.maxItems = maxItems
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// A pipeline stage.
public enum PipelineStage: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case a, b
    public var description: String { rawValue }
    /// `stage-a` / `stage-b`, as used in ids and object metadata.
    public var label: String { "stage-\(rawValue)" }
}

/// Whether a pipeline stage takes work.
public enum PipelineStatus: String, Sendable, Hashable, Codable {
    case active = "ACTIVE"
    case inactive = "INACTIVE"
}

/// Octagon's Pipelines row, keyed `<team>-<pipeline>-stage-a|b`.
public struct PipelineRecord: Sendable, Hashable, Codable {
    public var id: String
    public var team: String
    public var pipeline: String
    public var stage: PipelineStage
    public var status: PipelineStatus
    public var lastExecutionId: String?
    public var lastExecutionDate: Date?
    public var lastExecutionStatus: ExecutionStatus?
    public var lastExecutionDurationSeconds: Double?
    public var version: Int
    public var updatedAt: Date
    public init(team: String, pipeline: String, stage: PipelineStage, status: PipelineStatus = .active, version: Int = 1, updatedAt: Date) {
        self.id = PipelineRecord.id(team: team, pipeline: pipeline, stage: stage)
        self.team = team
        self.pipeline = pipeline
        self.stage = stage
        self.status = status
        self.version = version
        self.updatedAt = updatedAt
    }
    public static func id(team: String, pipeline: String, stage: PipelineStage) -> String {
        "\(team)-\(pipeline)-\(stage.label)"
    }

    /// Makes `record` the last execution (SDLF's `last_execution_*` fields), changed at `at`.
    public mutating func recordLast(_ record: ExecutionRecord, at: Date) {
        lastExecutionId = record.id
        lastExecutionDate = record.startedAt
        lastExecutionStatus = record.status
        lastExecutionDurationSeconds = record.durationSeconds
        updatedAt = at
    }
}

/// Octagon's Events row: something worth recording that is not an execution.
public struct EventRecord: Sendable, Hashable, Codable {
    public var id: String
    public var at: Date
    /// e.g. `routing.dead-letter`, `object.deleted`, `redrive`.
    public var kind: String
    public var message: String
    public var details: [String: String]
    public init(id: String, at: Date, kind: String, message: String, details: [String: String] = [:]) {
        self.id = id
        self.at = at
        self.kind = kind
        self.message = message
        self.details = details
    }
}
