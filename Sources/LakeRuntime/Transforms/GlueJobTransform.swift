import Foundation
import LakeAWS
import LakeCore
import LakeEngine

/// Stage B `glue-job` on the AWS backend: SDLF's own model, where each batch is a Glue job run.
///
/// The process step writes the batch's manifest to the artifacts zone
/// (`glue-jobs/<team>/<dataset>/<execution>.json`: execution id, team, dataset, pipeline, the
/// input objects' S3 URIs and the output prefix) and starts the job with `--manifest`,
/// `--output_prefix`, `--execution_id`, `--team` and `--dataset` (plus the `arguments:` option).
/// The job writes its outputs under `s3://<analytics>/<team>/<dataset>/<table>/...` with the
/// execution id in each file name (as the `parquet` transform names its parts); when the run
/// SUCCEEDS those files become the execution's outputs and are crawled like local ones. A run
/// that ends FAILED, STOPPED, TIMEOUT, ERROR or EXPIRED fails the execution with Glue's state
/// and error message. ``GlueJobRunTracker`` does the polling.
struct GlueJobTransform: HeavyTransform {
    let settings: GlueJobSettings
    /// The lake's environment, which names a dataset's default job.
    let environment: String
    let glue: GlueClient
    let objects: any ObjectStore

    /// The job reads the batch's objects in S3; the worker does not download them.
    var readsInputsInPlace: Bool { true }

    func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
        let ref = input.dataset
        let outputPrefix = "\(ref.team)/\(ref.dataset)/"
        let manifest = GlueJobManifest(
            executionId: input.batchId, team: ref.team, dataset: ref.dataset, pipeline: input.pipeline,
            inputs: try input.inputs.map { GlueJobManifest.Input(table: $0.table, uri: objects.uri(for: ObjectLocation(.stage, try ObjectKey($0.key)))) },
            outputPrefix: objects.uri(for: ObjectLocation(.analytics, try ObjectKey(outputPrefix + "_"))).dropLast().description)
        let manifestLocation = ObjectLocation(.artifacts, try ObjectKey("glue-jobs/\(ref.team)/\(ref.dataset)/\(input.batchId).json"))
        _ = try await objects.put(try manifest.encoded(), at: manifestLocation)
        let jobName = settings.jobName(environment: environment, dataset: ref)
        var runArguments = settings.arguments
        runArguments["--manifest"] = objects.uri(for: manifestLocation)
        runArguments["--output_prefix"] = manifest.outputPrefix
        runArguments["--execution_id"] = input.batchId
        runArguments["--team"] = ref.team
        runArguments["--dataset"] = ref.dataset
        let tracker = GlueJobRunTracker(
            jobName: jobName, batchId: input.batchId, arguments: runArguments, outputPrefix: outputPrefix,
            pollInterval: settings.pollInterval, glue: glue, objects: objects, clock: clock)
        try await tracker.start()
        return tracker
    }
}

/// The manifest a `glue-job` run reads: what to process and where to write.
struct GlueJobManifest: Codable, Sendable {
    struct Input: Codable, Sendable {
        var table: String
        var uri: String
    }
    var executionId: String
    var team: String
    var dataset: String
    var pipeline: String
    var inputs: [Input]
    var outputPrefix: String

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(self)
    }
}
