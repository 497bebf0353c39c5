import LakeCore

extension ConfigValidator {
    /// Every `options:` mapping against the options its transform declares: pipelines' stages,
    /// datasets' overrides (checked against the transform that will run) and named transforms
    /// (against the transform they use, merged with what refers to them).
    mutating func checkTransformOptions() {
        for pipeline in config.pipelines {
            let path = "pipelines.\(pipeline.name)"
            // The transforms a dataset without overrides would run, as the pipeline's kind registers it.
            let plain = registration(DatasetConfig(name: "", team: "", pipeline: pipeline.name), on: pipeline)
            checkOptions(pipeline.stageA.options, of: plain.stageA.transform, path: "\(path).stage_a.options")
            if let stageB = pipeline.stageB {
                checkOptions(stageB.options, of: plain.stageB?.transform ?? stageB.transform, path: "\(path).stage_b.options")
            }
        }
        for (index, dataset) in config.datasets.enumerated() {
            let path = datasetPath(index)
            guard let pipeline = config.pipeline(named: dataset.pipeline) else { continue }
            let registered = registration(dataset, on: pipeline)
            checkOptions(dataset.stageA.options, of: registered.stageA.transform, path: "\(path).stage_a.options")
            if let stageB = registered.stageB {
                checkOptions(dataset.stageB.options, of: stageB.transform, path: "\(path).stage_b.options")
            }
        }
        for transform in config.transforms {
            checkOptions(transform.options, of: transform.uses, path: "transforms.\(transform.name).options")
        }
    }

    /// What `dataset` runs on `pipeline`, as the pipeline's kind registers it (`standard`'s rule
    /// when the kind is unknown; that is reported elsewhere).
    private func registration(_ dataset: DatasetConfig, on pipeline: PipelineConfig) -> DatasetRegistration {
        (kinds.kind(named: pipeline.type) ?? StandardPipelineKind()).register(dataset, on: pipeline)
    }

    /// Reports each option of `options` that `transform` (a registered or named transform) does
    /// not declare, or whose value does not fit its declared type. Transforms without a
    /// descriptor, or that accept other options, pass unknown keys.
    private mutating func checkOptions(_ options: TransformOptions, of transform: String, path: String) {
        guard !options.isEmpty, let descriptor = descriptor(of: transform) else { return }
        for key in options.keys.sorted() {
            guard let value = options[key] else { continue }
            let optionPath = "\(path).\(key)"
            guard let spec = descriptor.option(key) else {
                if descriptor.acceptsOtherOptions { continue }
                let names = descriptor.options.map(\.name)
                let suggestion = Suggestions.didYouMean(key, in: names).map { $0 + " " } ?? ""
                let known = names.isEmpty ? "\(descriptor.name) takes no options" : "options of \(descriptor.name): \(Self.describe(descriptor.options))"
                report(optionPath, "transform '\(descriptor.name)' has no option '\(key)'", hint: suggestion + known + "; `lake config transforms` lists every transform's options")
                continue
            }
            if let problem = spec.problem(with: value) {
                report(optionPath, "option '\(key)' of transform '\(descriptor.name)' \(problem)", hint: Self.describe([spec]))
            }
        }
    }

    /// The descriptor of a registered transform, or of the one a named transform uses.
    private func descriptor(of transform: String) -> TransformDescriptor? {
        if let descriptor = registry.descriptors[transform] { return descriptor }
        if let named = config.namedTransform(transform) { return registry.descriptors[named.uses] }
        return nil
    }

    /// `nested (string: drop|json, default drop), row_group_mb (integer)`.
    static func describe(_ options: [TransformOptionSpec]) -> String {
        options.map { spec in
            var text = "\(spec.name) (\(spec.type.rawValue)"
            if let allowed = spec.allowed { text += ": " + allowed.joined(separator: "|") }
            if let value = spec.defaultValue { text += ", default \(value)" }
            return text + ")"
        }.joined(separator: ", ")
    }
}
