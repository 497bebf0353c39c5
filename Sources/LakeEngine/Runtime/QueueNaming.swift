import LakeCore

/// Names of every queue the engine uses, derived from the environment, team, pipeline, dataset
/// and WLM level, so all workers agree without coordination.
public struct QueueNaming: Sendable, Hashable {
    public var environment: String
    public init(environment: String) { self.environment = environment }

    private var prefix: String { "lake-\(environment)" }

    /// Landing events (object created/removed in raw) for the catalog step.
    public var catalog: QueueName { make("\(prefix)-catalog") }
    public var catalogDeadLetter: QueueName { make("\(prefix)-catalog-dlq") }
    /// Objects whose team or dataset could not be routed, with the reason.
    public var routingDeadLetter: QueueName { make("\(prefix)-routing-dlq") }

    /// Stage A of a team's pipeline at a WLM level: FIFO, message group `<team>-<dataset>`.
    public func stageA(team: String, pipeline: String, level: String) -> QueueName {
        make("\(prefix)-\(team)-\(pipeline)-a-\(level.lowercased()).fifo")
    }
    public func stageADeadLetter(team: String, pipeline: String) -> QueueName {
        make("\(prefix)-\(team)-\(pipeline)-a-dlq.fifo")
    }
    /// Stage B of a dataset at a WLM level.
    public func stageB(_ dataset: DatasetRef, level: String) -> QueueName {
        make("\(prefix)-\(dataset.team)-\(dataset.dataset)-b-\(level.lowercased())")
    }
    public func stageBDeadLetter(_ dataset: DatasetRef) -> QueueName {
        make("\(prefix)-\(dataset.team)-\(dataset.dataset)-b-dlq")
    }

    private func make(_ raw: String) -> QueueName { QueueName(sanitizing: raw) }
}
