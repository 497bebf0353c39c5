import Foundation
import LakeCore

/// Something in the lake that a team wants to hear about: an execution that failed, work that
/// went to a dead-letter queue without one, a raw table the partition job could not sync, a
/// data-quality rule that failed. The engine posts them through ``LakeEnvironment/onNotification``;
/// the runtime records each as an Octagon event and hands it to the notifiers (webhooks, SNS).
public struct LakeNotification: Sendable, Hashable, Codable {
    /// What happened; lake.yaml's `teams.<t>.notify.on` lists the kinds a team wants.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case failed
        case deadLettered = "dead-lettered"
        case partitionSyncFailed = "partition-sync-failed"
        case qualityFailed = "quality-failed"
    }

    public var kind: Kind
    /// The team whose notifiers hear it (nil when no team can be named, e.g. an object landed
    /// under a team lake.yaml does not define).
    public var team: String?
    public var dataset: String?
    /// `a` or `b` for executions.
    public var stage: String?
    public var executionId: String?
    public var errorCode: String?
    public var message: String
    public var hint: String?
    public var at: Date

    public init(
        kind: Kind, team: String?, dataset: String?, stage: String? = nil, executionId: String? = nil, errorCode: String? = nil,
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
            kind: .failed, team: record.team, dataset: record.dataset, stage: record.stage.rawValue, executionId: record.id,
            errorCode: record.errorCode, message: record.error ?? "the execution failed", hint: record.errorHint,
            at: record.endedAt ?? record.updatedAt)
    }
}

/// Receives the lake's notifications (a webhook, an SNS topic, a chat channel). Called off the
/// pipeline's path: a slow or failing notifier never holds up work.
public protocol LakeNotifier: Sendable {
    /// A name for logs and events, e.g. `webhook https://hooks.example.com/...`.
    var name: String { get }
    /// Delivers one notification, retrying as it sees fit; throws when it gave up.
    func notify(_ notification: LakeNotification) async throws
}
