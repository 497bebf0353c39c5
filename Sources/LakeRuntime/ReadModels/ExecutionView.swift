import Foundation
import LakeCore

/// One execution as `lake executions --json` and `GET /api/v1/executions` show it: the Octagon
/// row with its history, and for a failed one the error's message, code, hint and component.
public struct ExecutionView: Sendable, Codable, Hashable {
    public var id: String
    public var pipeline: String
    public var stage: String
    public var team: String
    public var dataset: String
    public var status: String
    public var startedAt: Date
    public var endedAt: Date?
    public var inputKeys: [String]
    public var outputKeys: [String]
    public var history: [HistoryEntry]
    /// `<component>: <message>`; null unless FAILED.
    public var error: String?
    /// The error's code (e.g. `format`, `schema-conflict`); null unless FAILED.
    public var errorCode: String?
    /// What to do about the failure; null when unknown or not FAILED.
    public var errorHint: String?
    /// The step that failed; null unless FAILED.
    public var errorComponent: String?
    public var attempt: Int
    public var details: [String: String]

    public init(_ r: ExecutionRecord) {
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
        let failed = r.status == .failed
        error = failed ? r.error : nil
        errorCode = failed ? (r.errorCode ?? (r.error == nil ? nil : LakeError.Code.internal.rawValue)) : nil
        errorHint = failed ? r.errorHint : nil
        errorComponent = failed ? (r.errorComponent ?? r.error.flatMap(Self.component)) : nil
        attempt = r.attempt
        details = r.details
    }

    /// The component of an error written before codes were kept (`<component>: <message>`).
    private static func component(of error: String) -> String? {
        guard let colon = error.firstIndex(of: ":") else { return nil }
        let word = error[..<colon]
        return word.allSatisfy({ $0.isLetter || $0 == "-" }) ? String(word) : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, pipeline, stage, team, dataset, status, startedAt, endedAt, inputKeys, outputKeys, history
        case error, errorCode, errorHint, errorComponent, attempt, details
    }

    /// Encodes absent values as null rather than leaving the keys out, so scripts see every key.
    public func encode(to encoder: any Encoder) throws {
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
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(errorHint, forKey: .errorHint)
        try c.encode(errorComponent, forKey: .errorComponent)
        try c.encode(attempt, forKey: .attempt)
        try c.encode(details, forKey: .details)
    }
}

/// Which executions to list: the filters of `lake executions` and `GET /api/v1/executions`.
public struct ExecutionFilter: Sendable, Hashable {
    public var dataset: DatasetRef?
    public var status: ExecutionStatus?
    public var stage: PipelineStage?
    /// Only executions started at or after this time.
    public var since: Date?
    public var limit: Int
    /// Continue after this page token (``ExecutionPage/nextCursor`` of the previous page).
    public var cursor: String?
    public init(
        dataset: DatasetRef? = nil, status: ExecutionStatus? = nil, stage: PipelineStage? = nil, since: Date? = nil, limit: Int = 100,
        cursor: String? = nil
    ) {
        self.dataset = dataset
        self.status = status
        self.stage = stage
        self.since = since
        self.limit = limit
        self.cursor = cursor
    }
}

/// A page of executions, newest first, and the cursor of the next page (nil on the last).
public struct ExecutionPage: Sendable, Hashable {
    public var items: [ExecutionView]
    public var nextCursor: String?
}
