import Foundation
import LakeCore

/// One stage-zone file of a stage-B batch.
public struct BatchInput: Sendable, Hashable {
    public var key: String
    public var table: String
    /// The local copy stage B fetched; for a transform that reads its inputs in place
    /// (``HeavyTransform/readsInputsInPlace``), the object's URI (`s3://...`, or its file).
    public var file: URL
    public init(key: String, table: String, file: URL) {
        self.key = key
        self.table = table
        self.file = file
    }
}

/// What a stage-B transform gets: a batch of stage files grouped by table, and an output directory.
public struct HeavyTransformInput: Sendable {
    /// The batch (execution) id; output names derive from it so a retried batch overwrites.
    public var batchId: String
    public var dataset: DatasetRef
    public var pipeline: String
    public var inputs: [BatchInput]
    public var options: TransformOptions
    /// The dataset's table settings (explicit schemas, partitioning), by table name.
    public var tables: [String: TableConfig]
    /// Write outputs here, as `<table>/<relative path>`; the engine moves them into analytics.
    public var outputDirectory: URL
    public init(batchId: String, dataset: DatasetRef, pipeline: String, inputs: [BatchInput], options: TransformOptions, tables: [String: TableConfig], outputDirectory: URL) {
        self.batchId = batchId
        self.dataset = dataset
        self.pipeline = pipeline
        self.inputs = inputs
        self.options = options
        self.tables = tables
        self.outputDirectory = outputDirectory
    }

    /// Inputs grouped by table, tables in name order, inputs in key order.
    public var inputsByTable: [(table: String, inputs: [BatchInput])] {
        Dictionary(grouping: inputs, by: \.table)
            .map { ($0.key, $0.value.sorted { $0.key < $1.key }) }
            .sorted { $0.0 < $1.0 }
    }
}

/// What a finished stage-B job produced.
public struct HeavyTransformResult: Sendable {
    public var outputs: [TransformOutput]
    /// Kept in the execution's details (job id, tails of stdout/stderr, counts).
    public var details: [String: String]
    public init(outputs: [TransformOutput], details: [String: String] = [:]) {
        self.outputs = outputs
        self.details = details
    }
}

/// The state of a stage-B job. Every state but `running` is terminal.
public enum JobState: Sendable {
    case running
    case succeeded(HeavyTransformResult)
    case failed(String, details: [String: String])
    case stopped(String)
    case timedOut
    case error(String)

    public var isTerminal: Bool {
        if case .running = self { return false }
        return true
    }
    /// The reference's state names: RUNNING, SUCCEEDED, FAILED, STOPPED, TIMEOUT, ERROR.
    public var name: String {
        switch self {
        case .running: return "RUNNING"
        case .succeeded: return "SUCCEEDED"
        case .failed: return "FAILED"
        case .stopped: return "STOPPED"
        case .timedOut: return "TIMEOUT"
        case .error: return "ERROR"
        }
    }
}

/// A started stage-B job (SDLF: a Glue job run) that the engine polls until it ends.
public protocol TransformJob: Sendable {
    var id: String { get }
    /// Returns the state once it is terminal, or after `upTo` with `.running`.
    func wait(upTo: Duration) async -> JobState
    /// Asks the job to stop; its state becomes `.stopped` (or terminal otherwise) soon after.
    func stop(reason: String) async
}

/// A stage-B (heavy, per-batch) transform: starts a job for a batch.
public protocol HeavyTransform: Sendable {
    /// Whether the transform reads its inputs where they are (a job on another service, given
    /// their URIs), so stage B does not download them first. False unless a transform says so.
    var readsInputsInPlace: Bool { get }
    func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob
}

extension HeavyTransform {
    public var readsInputsInPlace: Bool { false }
}

/// A heavy transform that runs in this process; ``HeavyTransform/start(_:clock:)`` wraps
/// ``run(_:)`` in a ``LocalJob``.
public protocol LocalHeavyTransform: HeavyTransform {
    func run(_ input: HeavyTransformInput) async throws -> HeavyTransformResult
}

extension LocalHeavyTransform {
    public func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
        LocalJob(id: input.batchId, clock: clock) { try await self.run(input) }
    }
}
