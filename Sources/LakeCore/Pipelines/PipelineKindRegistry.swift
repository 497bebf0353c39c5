import Foundation

/// Pipeline kinds by name. ``builtIn`` holds `standard` and `custom`; a custom binary registers
/// its own before handing the registry to the runtime.
public struct PipelineKindRegistry: Sendable {
    private var kinds: [String: any PipelineKind] = [:]

    public init(_ kinds: [any PipelineKind] = []) {
        for kind in kinds { register(kind) }
    }

    /// Adds `kind`, replacing one of the same name.
    public mutating func register(_ kind: any PipelineKind) { kinds[kind.name] = kind }

    /// The kind called `name`, if registered.
    public func kind(named name: String) -> (any PipelineKind)? { kinds[name] }

    /// Registered names, sorted.
    public var names: [String] { kinds.keys.sorted() }

    /// Every kind, by name.
    public var all: [any PipelineKind] { names.compactMap { kinds[$0] } }

    /// `standard` and `custom`.
    public static var builtIn: PipelineKindRegistry { PipelineKindRegistry([StandardPipelineKind(), CustomPipelineKind()]) }
}
