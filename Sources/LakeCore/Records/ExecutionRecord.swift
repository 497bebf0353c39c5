import Foundation

/// The state of a pipeline execution.
public enum ExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case running = "RUNNING"
    case completed = "COMPLETED"
    case failed = "FAILED"
}

/// One step of an execution's history: `{status, component, at}`.
public struct HistoryEntry: Sendable, Hashable, Codable {
    /// e.g. `StageA Preupdate Processing`, `COMPLETED`.
    public var status: String
    /// e.g. `preupdate`, `process`, `wait`, `crawler`, `postupdate`, `error`.
    public var component: String
    public var at: Date
    public init(status: String, component: String, at: Date) {
        self.status = status
        self.component = component
        self.at = at
    }
}

/// Octagon's PipelineExecutionHistory row. Adapters store it whole: ``MetadataStore/saveExecution(_:)``
/// is an upsert of the full record, so a retried step rewrites instead of duplicating.
public struct ExecutionRecord: Sendable, Hashable, Codable {
    public var id: String
    /// `<team>-<pipeline>`.
    public var pipeline: String
    public var stage: PipelineStage
    public var team: String
    public var dataset: String
    public var status: ExecutionStatus
    public var startedAt: Date
    public var endedAt: Date?
    /// Heartbeat: refreshed while the execution runs; a RUNNING record whose heartbeat is older
    /// than the lease timeout belongs to a worker that died.
    public var updatedAt: Date
    public var inputKeys: [String]
    public var outputKeys: [String]
    public var history: [HistoryEntry]
    public var comment: String?
    /// The error that failed the execution, as `<component>: <message>`.
    public var error: String?
    /// The failing error's code (`LakeError.Code`, e.g. `format`, `schema-conflict`); nil unless FAILED.
    public var errorCode: String?
    /// What to do about the failure, when known.
    public var errorHint: String?
    /// The step that failed (`process`, `wait`, `crawler`, `postupdate`, `router`, ...).
    public var errorComponent: String?
    /// Transform details worth keeping: job id, stdout/stderr tails, row counts.
    public var details: [String: String]
    /// How many times this execution was started (redrives and crash recoveries add one).
    public var attempt: Int
    /// Stage-B slot group counted against `max_concurrent`.
    public var slotGroup: String?
    /// When the row may be purged (SDLF: 120 days after the start).
    public var expiresAt: Date

    public static let defaultTTL: Duration = .seconds(120 * 86400)

    public init(
        id: String, pipeline: String, stage: PipelineStage, team: String, dataset: String, status: ExecutionStatus = .running,
        startedAt: Date, inputKeys: [String], slotGroup: String? = nil, ttl: Duration = ExecutionRecord.defaultTTL
    ) {
        self.id = id
        self.pipeline = pipeline
        self.stage = stage
        self.team = team
        self.dataset = dataset
        self.status = status
        self.startedAt = startedAt
        self.endedAt = nil
        self.updatedAt = startedAt
        self.inputKeys = inputKeys
        self.outputKeys = []
        self.history = []
        self.comment = nil
        self.error = nil
        self.errorCode = nil
        self.errorHint = nil
        self.errorComponent = nil
        self.details = [:]
        self.attempt = 1
        self.slotGroup = slotGroup
        self.expiresAt = startedAt.adding(ttl)
    }

    public var durationSeconds: Double? { endedAt.map { $0.timeIntervalSince(startedAt) } }
    public var datasetRef: DatasetRef { DatasetRef(team: team, dataset: dataset) }

    /// Appends a history entry and refreshes the heartbeat.
    /// This record as the next attempt of `previous` (the same execution id, run again): the
    /// stored history first, then this one's entries; attempt one more than the stored one.
    public func continuing(_ previous: ExecutionRecord?) -> ExecutionRecord {
        guard let previous else { return self }
        var next = self
        next.history = previous.history + history
        next.attempt = previous.attempt + 1
        return next
    }

    /// Ends the execution as FAILED because `component` threw `failure`: keeps the error's code,
    /// message and hint (a ``LakeError``'s own; `internal` for anything else) and appends the
    /// error step to the history.
    public mutating func fail(component: String, error failure: any Error, at end: Date) {
        let lake = failure as? LakeError
        status = .failed
        endedAt = end
        error = "\(component): \(lake?.message ?? "\(failure)")"
        errorCode = lake?.code.rawValue ?? LakeError.Code.internal.rawValue
        errorHint = lake?.hint
        errorComponent = component
        record(ExecutionStatus.failed.rawValue, component: "error", at: end)
    }

    public mutating func record(_ status: String, component: String, at: Date) {
        history.append(HistoryEntry(status: status, component: component, at: at))
        updatedAt = at
    }
}

/// Filter for execution queries; results are newest first (by start time, then id).
public struct ExecutionQuery: Sendable, Hashable {
    public var dataset: DatasetRef?
    public var status: ExecutionStatus?
    public var stage: PipelineStage?
    public var pipeline: String?
    public var startedAfter: Date?
    /// Only executions that come after this position in the newest-first order (the next page).
    public var after: ExecutionPosition?
    public var limit: Int?
    public init(
        dataset: DatasetRef? = nil, status: ExecutionStatus? = nil, stage: PipelineStage? = nil, pipeline: String? = nil, startedAfter: Date? = nil,
        after: ExecutionPosition? = nil, limit: Int? = nil
    ) {
        self.dataset = dataset
        self.status = status
        self.stage = stage
        self.pipeline = pipeline
        self.startedAfter = startedAfter
        self.after = after
        self.limit = limit
    }
}

/// A place in the newest-first order of executions: (start time, id) of the last one seen.
/// Paging by position, not offset, so executions that start meanwhile do not shift pages.
public struct ExecutionPosition: Sendable, Hashable {
    public var startedAt: Date
    public var id: String
    public init(startedAt: Date, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    /// The position of `record`.
    public init(_ record: ExecutionRecord) { self.init(startedAt: record.startedAt, id: record.id) }

    /// Whether `record` comes after this position (is older, or as old with a smaller id).
    public func precedes(_ record: ExecutionRecord) -> Bool {
        record.startedAt < startedAt || (record.startedAt == startedAt && record.id < id)
    }

    /// An opaque text form for APIs: the exact start time and the id, base64url.
    public var token: String {
        let text = "\(startedAt.timeIntervalSinceReferenceDate.bitPattern):\(id)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads ``token``; nil when it is not one.
    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let bits = UInt64(text[..<colon])
        else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(startedAt: Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits)), id: id)
    }
}
