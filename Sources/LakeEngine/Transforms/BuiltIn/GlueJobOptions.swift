import LakeCore

/// The options of stage B's `glue-job` transform (SDLF's own heavy stage: a Glue job per batch).
/// The transform itself needs AWS clients, so the runtime registers it for the AWS backend;
/// the built-in registry holds this description, and building it on another backend is a
/// configuration error that says so.
public enum GlueJobOptions {
    /// What `lake config validate` checks.
    public static let specs = [
        TransformOptionSpec("job_name", .string, summary: "the Glue job to run for each batch (it must exist; `lake aws template` can create it)"),
        TransformOptionSpec("arguments", .stringMap, summary: "extra job arguments (`--key: value`), added to the batch's own"),
        TransformOptionSpec("poll_interval", .duration, default: "10s", summary: "how often the run's state is read (with backoff while it starts)"),
    ]

    /// The summary `lake config transforms` shows.
    public static let summary = "runs a Glue job per batch with its manifest (input keys, output prefix); waits for it and records its outputs"

    /// The factory registered when the backend cannot run Glue jobs.
    public static func unavailable(_ options: TransformOptions) throws -> any HeavyTransform {
        throw LakeError(
            .invalidConfig, "transform 'glue-job' runs AWS Glue jobs and needs the AWS backend",
            hint: "set storage: {backend: aws} in lake.yaml, or use the parquet transform locally")
    }
}
