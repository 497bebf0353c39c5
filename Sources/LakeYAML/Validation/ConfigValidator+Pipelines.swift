import LakeCore

extension ConfigValidator {
    /// Largest batch a stage-B execution may take.
    static let maxItemsLimit = 10_000

    /// Pipelines: names, stage A and B transforms, concurrency, batch limits, trigger, timeout.
    mutating func checkPipelines() {
        for pipeline in config.pipelines {
            let path = "pipelines.\(pipeline.name)"
            if !LakeNames.isValidPipeline(pipeline.name) {
                report(path, "pipeline name '\(pipeline.name)' is invalid", hint: NameRules.hint(for: pipeline.name, length: 2...10))
            }
            checkTransform(pipeline.stageA.transform, stage: .a, path: "\(path).stage_a.transform")
            if pipeline.stageA.concurrency < 1 {
                report("\(path).stage_a.concurrency", "concurrency must be at least 1, not \(pipeline.stageA.concurrency)")
            }
            guard let kind = kinds.kind(named: pipeline.type) else {
                report("\(path).type", "unknown pipeline type '\(pipeline.type)'",
                    hint: Self.referenceHint(pipeline.type, among: kinds.names, things: "pipeline types"))
                continue
            }
            let kindIssues = kind.check(pipeline)
            for issue in kindIssues {
                report(issue.path.isEmpty ? path : "\(path).\(issue.path)", issue.message, hint: issue.hint)
            }
            guard let stageB = pipeline.stageB, kindIssues.isEmpty else { continue }
            checkStageB(stageB, path: "\(path).stage_b")
        }
        checkDuplicates(config.pipelines.map(\.name), what: "pipeline") { "pipelines.\($0)" }
    }

    private mutating func checkStageB(_ stage: StageBConfig, path: String) {
        checkTransform(stage.transform, stage: .b, path: "\(path).transform")
        if stage.minItems < 1 {
            report("\(path).min_items", "min_items must be at least 1, not \(stage.minItems)")
        }
        if stage.maxItems > Self.maxItemsLimit {
            report("\(path).max_items", "max_items must be at most \(Self.maxItemsLimit), not \(stage.maxItems)",
                hint: "large batches make one failure expensive; lower it")
        } else if stage.maxItems < stage.minItems {
            report("\(path).max_items", "max_items (\(stage.maxItems)) is smaller than min_items (\(stage.minItems))",
                hint: "max_items must be at least min_items")
        }
        if stage.maxConcurrent < 1 {
            report("\(path).max_concurrent", "max_concurrent must be at least 1, not \(stage.maxConcurrent)")
        }
        if stage.timeout < .seconds(1) {
            report("\(path).timeout", "timeout must be at least 1s, not \(DurationText.format(stage.timeout))", hint: ConfigReader.durationHint)
        }
        if case .every(let interval) = stage.trigger, interval < .seconds(1) {
            report("\(path).trigger", "a scheduled trigger needs an interval of at least 1s, not \(DurationText.format(interval))",
                hint: "use `trigger: event` for the lowest latency")
        }
    }

    /// Named transforms: names, no shadowing of registered transforms, `uses` of the right stage.
    mutating func checkNamedTransforms() {
        let registered = registry.light.union(registry.heavy)
        for transform in config.transforms {
            let path = "transforms.\(transform.name)"
            if !NameRules.isValidTransformName(transform.name) {
                report(path, "transform name '\(transform.name)' is invalid",
                    hint: "use 1-64 letters, digits, '_' or '-', starting with a letter or digit")
            }
            if registered.contains(transform.name) {
                report(path, "'\(transform.name)' is already a registered transform", hint: "give the named transform another name")
            }
            let usesPath = "\(path).uses"
            if registry.contains(transform.uses, stage: transform.stage) { continue }
            let stageName = transform.stage == .a ? "light (stage a)" : "heavy (stage b)"
            let known = Self.list(registry.names(for: transform.stage))
            if registry.contains(transform.uses, stage: transform.stage.other) {
                report(usesPath, "'\(transform.uses)' is a \(transform.stage.other == .a ? "light (stage a)" : "heavy (stage b)") transform, but this one is stage \(transform.stage)",
                    hint: "change `stage:`, or use a \(stageName) transform: \(known)")
            } else if config.namedTransform(transform.uses) != nil {
                report(usesPath, "'\(transform.uses)' is a named transform; `uses` must name a registered transform",
                    hint: "named transforms cannot build on each other; registered \(stageName) transforms: \(known)")
            } else {
                let suggestion = Suggestions.didYouMean(transform.uses, in: registry.names(for: transform.stage)).map { $0 + " " } ?? ""
                report(usesPath, "'\(transform.uses)' is not a registered \(stageName) transform",
                    hint: suggestion + "registered \(stageName) transforms: \(known)")
            }
        }
        checkDuplicates(config.transforms.map(\.name), what: "transform") { "transforms.\($0)" }
    }

    /// Checks that `name` can run as a stage `stage` transform: registered for that stage, or a
    /// named transform of that stage. Unknown names get a hint showing how to define them.
    mutating func checkTransform(_ name: String, stage: PipelineStage, path: String) {
        if registry.contains(name, stage: stage) { return }
        let kind = stage == .a ? "light" : "heavy"
        if let named = config.namedTransform(name) {
            if named.stage != stage, !sourceMap.hasFailed("transforms.\(name)") {
                report(path, "transform '\(name)' is a stage \(named.stage) transform, but this is stage \(stage)",
                    hint: "set `stage: \(stage)` on transforms.\(name), or pick a \(kind) transform")
            }
            return
        }
        let known = registry.names(for: stage)
        if registry.contains(name, stage: stage.other) {
            report(path, "'\(name)' is a \(stage == .a ? "heavy (stage B)" : "light (stage A)") transform and cannot run in stage \(stage == .a ? "A" : "B")",
                hint: "\(kind) transforms: \(Self.list(known))")
            return
        }
        if name.isEmpty {
            report(path, "the transform name is empty", hint: "\(kind) transforms: \(Self.list(known))")
            return
        }
        let candidates = known.union(config.transforms.filter { $0.stage == stage }.map(\.name))
        var hint = Suggestions.didYouMean(name, in: candidates).map { $0 + " " } ?? ""
        hint += "define it under transforms:, e.g. `\(Self.example(for: name, stage: stage))`, or register a Swift transform named '\(name)'; "
        hint += "known \(kind) transforms: \(Self.list(candidates))"
        report(path, "transform '\(name)' is not defined", hint: hint)
    }

    /// A one-line `transforms:` entry binding `name` to a registered transform.
    private static func example(for name: String, stage: PipelineStage) -> String {
        switch stage {
        case .a: return "transforms: {\(name): {stage: a, uses: json-flatten}}"
        case .b: return "transforms: {\(name): {stage: b, uses: command, options: {command: [python3, \(name).py]}}}"
        }
    }

    /// Sorted, comma-separated names, or `none`.
    static func list(_ names: some Collection<String>) -> String {
        names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
    }
}

extension PipelineStage {
    /// The other stage.
    var other: PipelineStage { self == .a ? .b : .a }
}
