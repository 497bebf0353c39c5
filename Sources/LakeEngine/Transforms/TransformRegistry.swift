import LakeCore

/// Transforms by name. Built-ins are registered by ``builtIn``; a custom `lake` binary adds its
/// own with ``register(light:_:)`` / ``register(heavy:_:)`` before handing the registry to the CLI.
public struct TransformRegistry: Sendable {
    public typealias LightFactory = @Sendable (TransformOptions) throws -> any LightTransform
    public typealias HeavyFactory = @Sendable (TransformOptions) throws -> any HeavyTransform

    private var light: [String: LightFactory] = [:]
    private var heavy: [String: HeavyFactory] = [:]

    public init() {}

    public mutating func register(light name: String, _ factory: @escaping LightFactory) { light[name] = factory }
    public mutating func register(heavy name: String, _ factory: @escaping HeavyFactory) { heavy[name] = factory }

    /// Names of registered stage-A transforms, sorted.
    public var lightNames: [String] { light.keys.sorted() }
    /// Names of registered stage-B transforms, sorted.
    public var heavyNames: [String] { heavy.keys.sorted() }

    /// Builds the stage-A transform `name`, resolving names declared under `transforms:` in the
    /// config. Options merge: named transform's, then `options` (pipeline, then dataset).
    public func makeLight(_ name: String, options: TransformOptions, config: LakeConfig) throws -> any LightTransform {
        let (resolved, merged) = try resolve(name, stage: .a, options: options, config: config)
        guard let factory = light[resolved] else { throw unknown(name, stage: .a) }
        return try factory(merged)
    }

    /// Builds the stage-B transform `name`; see ``makeLight(_:options:config:)``.
    public func makeHeavy(_ name: String, options: TransformOptions, config: LakeConfig) throws -> any HeavyTransform {
        let (resolved, merged) = try resolve(name, stage: .b, options: options, config: config)
        guard let factory = heavy[resolved] else { throw unknown(name, stage: .b) }
        return try factory(merged)
    }

    private func resolve(_ name: String, stage: PipelineStage, options: TransformOptions, config: LakeConfig) throws -> (String, TransformOptions) {
        guard let named = config.namedTransform(name) else { return (name, options) }
        var merged = named.options
        merged.merge(options) { _, new in new }
        return (named.uses, merged)
    }

    private func unknown(_ name: String, stage: PipelineStage) -> LakeError {
        let known = stage == .a ? lightNames : heavyNames
        return LakeError(
            .transform, "no stage-\(stage) transform named '\(name)'",
            hint: "use one of \(known.joined(separator: ", ")), declare it under `transforms:` in lake.yaml, or register it in Swift",
            context: ["transform": name])
    }
}

extension TransformRegistry {
    /// The built-in transforms: light `passthrough`, `json-flatten`, `csv-normalize`, `auto`;
    /// heavy `parquet`, `command`, `concat`.
    public static var builtIn: TransformRegistry {
        var r = TransformRegistry()
        r.register(light: "passthrough") { _ in PassthroughTransform() }
        r.register(light: "json-flatten") { try JSONFlattenTransform(options: $0) }
        r.register(light: "csv-normalize") { try CSVNormalizeTransform(options: $0) }
        r.register(light: "auto") { try AutoLightTransform(options: $0) }
        r.register(heavy: "parquet") { try ParquetTransform(options: $0) }
        r.register(heavy: "command") { try CommandTransform(options: $0) }
        r.register(heavy: "concat") { _ in ConcatTransform() }
        return r
    }
}

extension TransformOptions {
    /// A string option, or a usage error naming the transform and option when it has the wrong type.
    func string(_ key: String, transform: String) throws -> String? {
        guard let value = self[key] else { return nil }
        guard let s = value.stringValue else {
            throw LakeError(.invalidConfig, "option '\(key)' of transform '\(transform)' must be a string", context: ["transform": transform])
        }
        return s
    }
    func duration(_ key: String, transform: String) throws -> Duration? {
        guard let value = self[key] else { return nil }
        if let seconds = value.doubleValue { return .seconds(seconds) }
        if let text = value.stringValue, let d = DurationText.parse(text) { return d }
        throw LakeError(.invalidConfig, "option '\(key)' of transform '\(transform)' must be a duration such as 30s or 10m", context: ["transform": transform])
    }
}
