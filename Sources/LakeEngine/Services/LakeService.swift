/// One of the engine's workers (catalog step, a stage-A queue, a dataset's stage-B scheduler,
/// a landing watcher). The runtime calls ``step(drain:)`` in a loop.
public protocol LakeService: Sendable {
    /// A name for logs and errors.
    var name: String { get }
    /// Does a bounded amount of work; returns true when it did any. With `drain`, schedules
    /// fire now and batch minimums are ignored (used by `process --until-idle` once all else is idle).
    func step(drain: Bool) async throws -> Bool
}
