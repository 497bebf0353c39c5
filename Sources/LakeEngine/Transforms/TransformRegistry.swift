import LakeCore

/// Transforms by name, each with its ``TransformDescriptor`` (stage, summary, options). Built-ins
/// are registered by ``builtIn``; a custom `lake` binary adds its own with
/// ``register(light:summary:options:_:)`` / ``register(heavy:summary:options:_:)`` and hands
/// the registry to the runtime.
public struct TransformRegistry: Sendable {
    public typealias LightFactory = @Sendable (TransformOptions) throws -> any LightTransform
    public typealias HeavyFactory = @Sendable (TransformOptions) throws -> any HeavyTransform

    private var light: [String: LightFactory] = [:]
    private var heavy: [String: HeavyFactory] = [:]
    private var described: [String: TransformDescriptor] = [:]

    public init() {}

    /// Registers a stage-A transform. `options` declares what lake.yaml may set (checked by
    /// `lake config validate`); nil leaves its options unchecked.
    public mutating func register(
        light name: String, summary: String = "", options: [TransformOptionSpec]? = nil, _ factory: @escaping LightFactory
    ) {
        light[name] = factory
        described[name] = TransformDescriptor(name: name, stage: .a, summary: summary, options: options ?? [], acceptsOtherOptions: options == nil)
    }

    /// Registers a stage-B transform; see ``register(light:summary:options:_:)``.
    public mutating func register(
        heavy name: String, summary: String = "", options: [TransformOptionSpec]? = nil, acceptsOtherOptions: Bool = false,
        _ factory: @escaping HeavyFactory
    ) {
        heavy[name] = factory
        described[name] = TransformDescriptor(
            name: name, stage: .b, summary: summary, options: options ?? [], acceptsOtherOptions: acceptsOtherOptions || options == nil)
    }

    /// Names of registered stage-A transforms, sorted.
    public var lightNames: [String] { light.keys.sorted() }
    /// Names of registered stage-B transforms, sorted.
    public var heavyNames: [String] { heavy.keys.sorted() }
    /// Every transform's descriptor, stage A first, then by name.
    public var descriptors: [TransformDescriptor] {
        described.values.sorted { ($0.stage.rawValue, $0.name) < ($1.stage.rawValue, $1.name) }
    }

    /// Builds the stage-A transform `name`, resolving names declared under `transforms:` in the
    /// config. Options merge: named transform's, then `options` (pipeline, then dataset).
    public func makeLight(_ name: String, options: TransformOptions, config: LakeConfig) throws -> any LightTransform {
        let (resolved, merged) = resolve(name, options: options, config: config)
        guard let factory = light[resolved] else { throw unknown(name, stage: .a) }
        return try factory(merged)
    }

    /// Builds the stage-B transform `name`; see ``makeLight(_:options:config:)``.
    public func makeHeavy(_ name: String, options: TransformOptions, config: LakeConfig) throws -> any HeavyTransform {
        let (resolved, merged) = resolve(name, options: options, config: config)
        guard let factory = heavy[resolved] else { throw unknown(name, stage: .b) }
        return try factory(merged)
    }

    private func resolve(_ name: String, options: TransformOptions, config: LakeConfig) -> (String, TransformOptions) {
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
    /// heavy `parquet`, `command`, `concat`, and `glue-job` (which the runtime replaces with the
    /// real one on the AWS backend).
    public static var builtIn: TransformRegistry {
        var r = TransformRegistry()
        r.register(light: "passthrough", summary: "copies the object to the stage zone unchanged", options: []) { _ in PassthroughTransform() }
        r.register(light: "json-flatten", summary: "JSON or JSON Lines to JSON Lines with top-level scalar fields (SDLF's light transform)",
                   options: JSONFlattenTransform.options) { try JSONFlattenTransform(options: $0) }
        r.register(light: "csv-normalize", summary: "detects delimiter and header, trims, checks UTF-8; writes comma-separated UTF-8",
                   options: CSVNormalizeTransform.options) { try CSVNormalizeTransform(options: $0) }
        r.register(light: "auto", summary: "json-flatten for .json/.jsonl/.ndjson, csv-normalize for .csv/.tsv/.txt, passthrough otherwise",
                   options: JSONFlattenTransform.options + CSVNormalizeTransform.options) { try AutoLightTransform(options: $0) }
        r.register(heavy: "parquet", summary: "typed, Hive-partitioned Parquet per table (SDLF's heavy transform)",
                   options: ParquetTransform.options) { try ParquetTransform(options: $0) }
        r.register(heavy: "command", summary: "runs a program on each batch with a JSON job on stdin; other options are passed to it",
                   options: CommandTransform.options, acceptsOtherOptions: true) { try CommandTransform(options: $0) }
        r.register(heavy: "concat", summary: "concatenates each table's stage files into one file per batch", options: []) { _ in ConcatTransform() }
        r.register(heavy: "glue-job", summary: GlueJobOptions.summary, options: GlueJobOptions.specs, GlueJobOptions.unavailable)
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
