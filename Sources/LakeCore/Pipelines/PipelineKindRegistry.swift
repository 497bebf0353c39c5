import Foundation

/// Pipeline kinds by name. ``builtIn`` holds `standard` and `custom`; a custom binary registers
/// its own before handing the registry to the runtime.
public struct PipelineKindRegistry: Sendable {
    private var kinds: [String: any PipelineKind] = [:]
    /// Names in the order they were first registered.
    private var order: [String] = []

    public init(_ kinds: [any PipelineKind] = []) {
        for kind in kinds { register(kind) }
    }

    /// Adds `kind`, replacing one of the same name.
    public mutating func register(_ kind: any PipelineKind) {
        if kinds[kind.name] == nil { order.append(kind.name) }
        kinds[kind.name] = kind
    }

    /// The kind called `name`, if registered.
    public func kind(named name: String) -> (any PipelineKind)? { kinds[name] }

    /// Registered names, sorted.
    public var names: [String] { kinds.keys.sorted() }

    /// Every kind, in the order registered (built-ins first).
    public var all: [any PipelineKind] { order.compactMap { kinds[$0] } }

    /// `standard` and `custom`.
    public static var builtIn: PipelineKindRegistry { PipelineKindRegistry([StandardPipelineKind(), CustomPipelineKind()]) }
}
