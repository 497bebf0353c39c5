import Foundation

/// A pipeline type (the DDK's `SDLFPipeline`): lake.yaml's `type:` names one, and the kind decides
/// what a dataset registered on such a pipeline runs — which stages, with which transforms, and
/// so which queues and services the engine starts for it.
///
/// SwiftLake ships `standard` (stage A then stage B) and `custom` (stage A only). A new kind is a
/// type that implements this protocol, registered in a ``PipelineKindRegistry`` handed to the
/// runtime (see `Examples/Extensions`). Config validation, the DDK importer, the engine and
/// `lake aws bootstrap` all ask the kind; none of them switches on a kind's name.
public protocol PipelineKind: Sendable {
    /// The name lake.yaml's `type:` uses, e.g. `standard`.
    var name: String { get }
    /// One line for `lake config kinds` and docs.
    var summary: String { get }
    /// Whether pipelines of this kind run stage B (a per-batch stage with its own queues).
    var runsStageB: Bool { get }
    /// Problems with a pipeline of this kind, beyond the checks every pipeline gets.
    func check(_ pipeline: PipelineConfig) -> [PipelineKindIssue]
    /// Registers `dataset` on `pipeline`: the stages it runs and their transforms.
    func register(_ dataset: DatasetConfig, on pipeline: PipelineConfig) -> DatasetRegistration
}

extension PipelineKind {
    /// No extra checks.
    public func check(_ pipeline: PipelineConfig) -> [PipelineKindIssue] { [] }

    /// Default registration: stage A with the dataset's transform (else the pipeline's) and its
    /// options merged over the pipeline's; stage B likewise when the kind runs it.
    public func register(_ dataset: DatasetConfig, on pipeline: PipelineConfig) -> DatasetRegistration {
        var aOptions = pipeline.stageA.options
        aOptions.merge(dataset.stageA.options) { _, new in new }
        let stageA = DatasetRegistration.Stage(transform: dataset.stageA.transform ?? pipeline.stageA.transform, options: aOptions)
        guard runsStageB, let b = pipeline.stageB else { return DatasetRegistration(stageA: stageA, stageB: nil) }
        var bOptions = b.options
        bOptions.merge(dataset.stageB.options) { _, new in new }
        return DatasetRegistration(stageA: stageA, stageB: .init(transform: dataset.stageB.transform ?? b.transform, options: bOptions))
    }
}

/// What a dataset runs on its pipeline, as its kind registered it.
public struct DatasetRegistration: Sendable, Hashable {
    /// One stage: the transform (a registered or named transform) and its merged options.
    public struct Stage: Sendable, Hashable {
        public var transform: String
        public var options: TransformOptions
        public init(transform: String, options: TransformOptions = [:]) {
            self.transform = transform
            self.options = options
        }
    }

    /// Stage A always runs: every object landed for the dataset goes through it.
    public var stageA: Stage
    /// Present when the dataset runs stage B (its stage-B queues, router and executor exist).
    public var stageB: Stage?

    public init(stageA: Stage, stageB: Stage?) {
        self.stageA = stageA
        self.stageB = stageB
    }
}

/// A problem a kind finds with a pipeline: the path below `pipelines.<name>` (e.g. `stage_b`),
/// what is wrong, and how to fix it.
public struct PipelineKindIssue: Sendable, Hashable {
    /// Relative to the pipeline, e.g. `stage_b` or `stage_a.transform`; empty for the whole pipeline.
    public var path: String
    public var message: String
    public var hint: String?
    public init(path: String, message: String, hint: String? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
    }
}
