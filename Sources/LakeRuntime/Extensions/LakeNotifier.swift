import Foundation
import LakeCore

/// Something that happened in the lake that someone may want to hear about: an execution that
/// failed, messages dead-lettered. Delivered to every registered ``LakeNotifier``.
public struct LakeNotification: Sendable, Hashable, Codable {
    /// `execution-failed`, ...
    public var kind: String
    public var team: String
    public var dataset: String
    public var stage: String?
    public var executionId: String?
    public var errorCode: String?
    public var message: String
    public var hint: String?
    public var at: Date

    public init(
        kind: String, team: String, dataset: String, stage: String? = nil, executionId: String? = nil, errorCode: String? = nil,
        message: String, hint: String? = nil, at: Date
    ) {
        self.kind = kind
        self.team = team
        self.dataset = dataset
        self.stage = stage
        self.executionId = executionId
        self.errorCode = errorCode
        self.message = message
        self.hint = hint
        self.at = at
    }

    /// The notification of a failed execution.
    public static func failed(_ record: ExecutionRecord) -> LakeNotification {
        LakeNotification(
            kind: "execution-failed", team: record.team, dataset: record.dataset, stage: record.stage.rawValue, executionId: record.id,
            errorCode: record.errorCode, message: record.error ?? "failed", hint: record.errorHint, at: record.endedAt ?? record.updatedAt)
    }
}

/// Receives the lake's notifications (a webhook, SNS, a chat channel). Called off the pipeline's
/// path: a slow or failing notifier never holds up work. Register one in ``LakeExtensions``.
public protocol LakeNotifier: Sendable {
    /// A name for logs.
    var name: String { get }
    /// Delivers one notification; errors are logged, not retried by the runtime.
    func notify(_ notification: LakeNotification) async throws
}
