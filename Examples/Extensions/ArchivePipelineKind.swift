import Foundation
import LakeCore
import LakeEngine
import LakeRuntime

/// The `archive` pipeline type: every object landed for a dataset on such a pipeline is copied,
/// unchanged, to a dated prefix in the stage zone (`<team>/<dataset>/<table>/<prefix>/dt=<day>/<name>`)
/// and nothing else runs — no stage B, no Parquet, no catalog. Datasets cannot choose another
/// transform: the kind decides what they run.
///
/// Options (stage_a.options of the pipeline, or a dataset's): `prefix` (default `archive`).
struct ArchivePipelineKind: PipelineKind {
    var name: String { "archive" }
    var summary: String { "stage A copies each raw object to a dated archive prefix; nothing else runs" }
    var runsStageB: Bool { false }

    func check(_ pipeline: PipelineConfig) -> [PipelineKindIssue] {
        var issues: [PipelineKindIssue] = []
        if pipeline.stageBWritten {
            issues.append(PipelineKindIssue(path: "stage_b", message: "an archive pipeline runs stage A only and cannot have stage_b", hint: "remove stage_b"))
        }
        if pipeline.stageA.transform != StageAConfig().transform && pipeline.stageA.transform != ArchiveCopyTransform.name {
            issues.append(PipelineKindIssue(
                path: "stage_a.transform", message: "an archive pipeline always runs \(ArchiveCopyTransform.name)",
                hint: "remove stage_a.transform; set stage_a.options.prefix to choose the archive prefix"))
        }
        return issues
    }

    func register(_ dataset: DatasetConfig, on pipeline: PipelineConfig) -> DatasetRegistration {
        var options = pipeline.stageA.options
        options.merge(dataset.stageA.options) { _, new in new }
        return DatasetRegistration(stageA: .init(transform: ArchiveCopyTransform.name, options: options), stageB: nil)
    }

    /// Adds the kind and the transform it runs.
    static func register(in extensions: inout LakeExtensions) {
        extensions.pipelineKinds.register(ArchivePipelineKind())
        extensions.transforms.register(
            light: ArchiveCopyTransform.name, summary: "copies the object unchanged to <prefix>/dt=<day>/ (the archive pipeline's stage A)",
            options: [TransformOptionSpec("prefix", .string, default: "archive", summary: "the folder below the table that holds the dated copies")]
        ) { options in
            ArchiveCopyTransform(prefix: options["prefix"]?.stringValue ?? "archive")
        }
    }
}

/// Stage A of the archive kind: the object, byte for byte, under `<prefix>/dt=<yyyy-MM-dd>/`,
/// the day being the execution's start (UTC) by the engine's clock.
struct ArchiveCopyTransform: LightTransform {
    static let name = "archive-copy"
    var prefix: String

    func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let day = calendar.dateComponents([.year, .month, .day], from: input.startedAt)
        let dt = String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        let copy = input.outputDirectory.appendingPathComponent(input.location.key.name)
        try FileManager.default.copyItem(at: input.file, to: copy)
        return [TransformOutput(table: input.table, name: "\(prefix)/dt=\(dt)/\(input.location.key.name)", file: copy)]
    }
}
