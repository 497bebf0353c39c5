/// A transform declared in lake.yaml's `transforms:` section: a name that datasets and pipelines
/// can use, bound to a built-in or registered transform (`uses`) with preset options.
/// DDK imports produce these for the reference's custom transform names.
public struct NamedTransformConfig: Sendable, Hashable {
    public var name: String
    /// Which stage it serves.
    public var stage: PipelineStage
    /// The registered transform it runs, e.g. `command`, `json-flatten`.
    public var uses: String
    public var options: TransformOptions
    public init(name: String, stage: PipelineStage, uses: String, options: TransformOptions = [:]) {
        self.name = name
        self.stage = stage
        self.uses = uses
        self.options = options
    }
}
