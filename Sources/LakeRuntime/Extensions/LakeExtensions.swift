import LakeCore
import LakeEngine
import LakeYAML

/// The registries a lake is opened with: transforms, pipeline kinds and notifiers. The stock
/// `lake` uses ``builtIn``; a custom binary adds its own and passes them to the runtime (and to
/// `LakeCLI.main`) explicitly — there is no global registry.
public struct LakeExtensions: Sendable {
    /// Stage-A and stage-B transforms by name, with their declared options.
    public var transforms: TransformRegistry
    /// Pipeline types by name (`standard`, `custom`, and registered ones).
    public var pipelineKinds: PipelineKindRegistry
    /// Told about failed executions.
    public var notifiers: [any LakeNotifier]

    public init(transforms: TransformRegistry = .builtIn, pipelineKinds: PipelineKindRegistry = .builtIn, notifiers: [any LakeNotifier] = []) {
        self.transforms = transforms
        self.pipelineKinds = pipelineKinds
        self.notifiers = notifiers
    }

    /// The built-in transforms and pipeline kinds, no notifiers.
    public static var builtIn: LakeExtensions { LakeExtensions() }

    /// What config validation needs to know about the transforms: names and declared options.
    public var transformCatalog: TransformCatalog { TransformCatalog(descriptors: transforms.descriptors) }
}
