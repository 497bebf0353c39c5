import Foundation
import LakeCore

/// Builds a ``LakeConfig`` from DDK entries: teams in order of appearance, one pipeline per
/// DDK pipeline type used, one dataset per entry with overrides for non-default transforms.
struct DDKConfigBuilder {
    let entries: [DDKEntry]
    let environment: String
    let registry: TransformCatalog
    let kinds: PipelineKindRegistry
    let baseDirectory: URL
    private(set) var notes: [String] = []
    /// Transform names no registered transform answers to, with the stage they serve, in order.
    private(set) var unknownTransforms: [(name: String, stage: PipelineStage, datasets: [String])] = []

    init(entries: [DDKEntry], environment: String, registry: TransformCatalog, kinds: PipelineKindRegistry, baseDirectory: URL) {
        self.entries = entries
        self.environment = environment
        self.registry = registry
        self.kinds = kinds
        self.baseDirectory = baseDirectory
    }

    /// The config, collecting notes as it goes.
    mutating func build() -> LakeConfig {
        var config = LakeConfig(environment: environment, baseDirectory: baseDirectory)
        config.storage = .embedded(EmbeddedStorageConfig(path: baseDirectory.appendingPathComponent(".lake").standardizedFileURL.path))
        var teams: [String] = []
        for entry in entries where !teams.contains(entry.team) { teams.append(entry.team) }
        config.teams = teams.map { TeamConfig(name: $0) }

        let datasetNames = Set(entries.map(\.dataset))
        var pipelineNames: [String: String] = [:]
        for kind in kinds.all where entries.contains(where: { $0.kind == kind.name }) {
            let name = Self.pipelineName(for: kind.name, avoiding: datasetNames)
            pipelineNames[kind.name] = name
            config.pipelines.append(PipelineConfig(
                name: name, kind: kind, stageA: StageAConfig(transform: "json-flatten"),
                stageB: kind.runsStageB ? StageBConfig(transform: "parquet", trigger: .event) : nil))
        }
        for entry in entries {
            let pipeline = pipelineNames[entry.kind] ?? "main"
            var dataset = DatasetConfig(name: entry.dataset, team: entry.team, pipeline: pipeline)
            dataset.stageA.transform = override(entry.stageATransform, stage: .a, pipelineDefault: "json-flatten", dataset: entry)
            if let stageB = entry.stageBTransform {
                dataset.stageB.transform = override(stageB, stage: .b, pipelineDefault: "parquet", dataset: entry)
            }
            config.datasets.append(dataset)
        }
        notes += summary(config)
        return config
    }

    /// The dataset's override for a transform name, or nil when the pipeline's default covers it.
    private mutating func override(_ name: String, stage: PipelineStage, pipelineDefault: String, dataset entry: DDKEntry) -> String? {
        let mapped = DDKImporter.builtInEquivalents[name] ?? name
        if mapped == pipelineDefault { return nil }
        if !registry.contains(mapped, stage: .a), !registry.contains(mapped, stage: .b) {
            let label = "\(entry.team)/\(entry.dataset)"
            if let index = unknownTransforms.firstIndex(where: { $0.name == mapped }) {
                if unknownTransforms[index].stage != stage {
                    notes.append("transform '\(mapped)' is used for stage A and stage B; a named transform serves one stage, so bind it twice under two names")
                }
                unknownTransforms[index].datasets.append(label)
            } else {
                unknownTransforms.append((mapped, stage, [label]))
            }
        }
        return mapped
    }

    /// A pipeline name for `kind` that is valid and differs from every dataset name.
    static func pipelineName(for kind: String, avoiding datasets: Set<String>) -> String {
        let candidates: [String]
        switch kind {
        case StandardPipelineKind().name: candidates = ["main", "standard", "std", "stdpipe"]
        case CustomPipelineKind().name: candidates = ["light", "custom", "stagea", "lightpipe"]
        default: candidates = [String(kind.filter { $0.isLetter || $0.isNumber }.lowercased().prefix(10))].filter { $0.count >= 2 }
        }
        if let free = candidates.first(where: { !datasets.contains($0) }) { return free }
        let stem = candidates.first.map { String($0.prefix(8)) } ?? "pipe"
        var number = 2
        while datasets.contains("\(stem)\(number)") { number += 1 }
        return "\(stem)\(number)"
    }

    private func summary(_ config: LakeConfig) -> [String] {
        var lines = [
            "sdlf_light_transform is SwiftLake's json-flatten and sdlf_heavy_transform is parquet",
            "teams: " + config.teams.map(\.name).joined(separator: ", "),
        ]
        for pipeline in config.pipelines {
            if let stageB = pipeline.stageB {
                lines.append(
                    "pipeline '\(pipeline.name)' (\(pipeline.type)): stage A \(pipeline.stageA.transform), stage B \(stageB.transform); "
                        + "defaults min_items \(stageB.minItems), max_items \(stageB.maxItems), max_concurrent \(stageB.maxConcurrent), "
                        + "timeout \(DurationText.format(stageB.timeout)), trigger event (SDLF polls every 5 minutes; write `trigger: every 5m` to match)")
            } else {
                lines.append("pipeline '\(pipeline.name)' (\(pipeline.type)): stage A \(pipeline.stageA.transform) only")
            }
        }
        lines.append("storage: embedded, in .lake next to lake.yaml; wlm: levels HIGH, LOW, default LOW; environment \(environment), org swiftlake, app datalake")
        for transform in unknownTransforms {
            lines.append(
                "transform '\(transform.name)' (stage \(transform.stage == .a ? "A" : "B") of \(transform.datasets.joined(separator: ", "))) "
                    + "is not known to SwiftLake: bind it under transforms: (a commented stub is at the end of lake.yaml) or register it in Swift")
        }
        return lines
    }

    /// Commented `transforms:` stubs for the unknown names; empty when there are none.
    func transformStubs() -> String {
        guard !unknownTransforms.isEmpty else { return "" }
        var out = YAMLLines()
        out.blank()
        out.comment("Transforms named in parameters.json that SwiftLake does not know. `lake config validate`")
        out.comment("reports each one until it is bound: uncomment this section and point each name at a")
        out.comment("registered transform, or register a Swift transform of that name and delete its entry.")
        out.comment("transforms:")
        for transform in unknownTransforms {
            out.comment("  \(YAMLText.scalar(transform.name)):")
            switch transform.stage {
            case .a:
                out.comment("    stage: a")
                out.comment("    uses: json-flatten     # a registered light transform")
            case .b:
                out.comment("    stage: b")
                out.comment("    uses: command          # runs a program on each batch")
                out.comment("    options: {command: [python3, \(YAMLText.scalar(transform.name + ".py"))], timeout: 1h}")
            }
        }
        return out.text
    }
}
