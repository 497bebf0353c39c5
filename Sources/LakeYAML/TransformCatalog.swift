import LakeCore

/// The transform names a lake.yaml may use: light ones (stage A, per object) and heavy ones
/// (stage B, per batch). The CLI builds it from the real transform registry, so transforms
/// registered in Swift count as known; named transforms in `transforms:` are added on top by
/// validation.
public struct TransformCatalog: Sendable, Hashable {
    /// Stage A transform names.
    public var light: Set<String>
    /// Stage B transform names.
    public var heavy: Set<String>
    /// What each transform declares (its options), by name. A registered transform without a
    /// descriptor has its options passed through unchecked.
    public var descriptors: [String: TransformDescriptor]

    /// Creates a catalog from the registry's names.
    public init(light: Set<String>, heavy: Set<String>, descriptors: [String: TransformDescriptor] = [:]) {
        self.light = light
        self.heavy = heavy
        self.descriptors = descriptors
    }

    /// Creates a catalog from transform descriptors.
    public init(descriptors: [TransformDescriptor]) {
        self.init(
            light: Set(descriptors.filter { $0.stage == .a }.map(\.name)), heavy: Set(descriptors.filter { $0.stage == .b }.map(\.name)),
            descriptors: Dictionary(descriptors.map { ($0.name, $0) }) { first, _ in first })
    }

    /// The built-in transforms SwiftLake ships: `passthrough`, `json-flatten`, `csv-normalize`, `auto`
    /// for stage A and `command`, `concat`, `parquet` for stage B. Tests, templates and importers
    /// use it when no registry is at hand.
    public static let builtIn = TransformCatalog(
        light: ["passthrough", "json-flatten", "csv-normalize", "auto"],
        heavy: ["command", "concat", "parquet"])

    /// The names registered for `stage`.
    public func names(for stage: PipelineStage) -> Set<String> {
        switch stage {
        case .a: return light
        case .b: return heavy
        }
    }

    /// True when `name` is registered for `stage`.
    public func contains(_ name: String, stage: PipelineStage) -> Bool {
        names(for: stage).contains(name)
    }
}
