import LakeCore

/// The options of stage B's `glue-job` transform (SDLF's own heavy stage: a Glue job per batch).
/// The transform itself needs AWS clients, so the runtime registers it for the AWS backend;
/// the built-in registry holds this description, and building it on another backend is a
/// configuration error that says so.
public enum GlueJobOptions {
    /// The worker types Glue's Spark jobs take.
    public static let workerTypes = ["G.025X", "G.1X", "G.2X", "G.4X", "G.8X", "Z.2X"]

    /// What `lake config validate` checks.
    public static let specs = [
        TransformOptionSpec(
            "job_name", .string,
            summary: "the Glue job run for each batch: an existing job, or the one made from `script` (default lake-<env>-<team>-<dataset>)"),
        TransformOptionSpec(
            "script", .string,
            summary: "the job's script (a path relative to lake.yaml, or s3://...): `lake aws bootstrap` uploads it and creates the job, "
                + "`lake aws template` declares it"),
        TransformOptionSpec("worker_type", .string, default: "G.1X", allowed: workerTypes, summary: "the workers of a job made from `script`"),
        TransformOptionSpec("number_of_workers", .integer, default: "2", summary: "how many workers a run of a job made from `script` gets (2 or more)"),
        TransformOptionSpec("glue_version", .string, default: "4.0", summary: "the Glue runtime of a job made from `script`"),
        TransformOptionSpec(
            "role", .string,
            summary: "the IAM role (name or ARN) a job made from `script` runs as (default lake-<env>-<team>-glue, which `lake aws template` creates)"),
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

/// The `glue-job` options read and checked: what the transform runs and what bootstrap and
/// the templates create.
public struct GlueJobSettings: Sendable, Hashable {
    /// `job_name`, when given.
    public var jobName: String?
    /// `script`, when given: a path relative to lake.yaml or an `s3://` URI.
    public var script: String?
    public var workerType: String
    public var numberOfWorkers: Int
    public var glueVersion: String
    /// `role`, when given.
    public var role: String?
    /// Extra run arguments, each named `--key`.
    public var arguments: [String: String]
    public var pollInterval: Duration

    /// Reads `options`; a wrong value throws an error naming the option.
    public init(options: TransformOptions) throws {
        func text(_ name: String) throws -> String? {
            guard let value = options[name] else { return nil }
            guard let text = value.stringValue, !text.isEmpty else {
                throw LakeError(.invalidConfig, "option '\(name)' of transform 'glue-job' must be a non-empty string")
            }
            return text
        }
        jobName = try text("job_name")
        script = try text("script")
        role = try text("role")
        guard jobName != nil || script != nil else {
            throw LakeError(
                .invalidConfig, "transform 'glue-job' needs the option job_name (an existing Glue job) or script (to create one)",
                hint: "add options: {job_name: <your Glue job>} or options: {script: jobs/<dataset>.py} to the stage_b")
        }
        workerType = try text("worker_type") ?? "G.1X"
        guard GlueJobOptions.workerTypes.contains(workerType) else {
            throw LakeError(
                .invalidConfig, "option 'worker_type' of transform 'glue-job' must be one of \(GlueJobOptions.workerTypes.joined(separator: ", ")), not '\(workerType)'")
        }
        if let value = options["number_of_workers"] {
            guard let count = value.intValue ?? value.stringValue.flatMap({ Int($0) }), count >= 2 else {
                throw LakeError(.invalidConfig, "option 'number_of_workers' of transform 'glue-job' must be a whole number of at least 2 (Glue's minimum), not \(value)")
            }
            numberOfWorkers = count
        } else {
            numberOfWorkers = 2
        }
        glueVersion = try text("glue_version") ?? "4.0"
        var extra: [String: String] = [:]
        if case .object(let map)? = options["arguments"] {
            for (key, value) in map {
                guard let text = value.stringValue else {
                    throw LakeError(.invalidConfig, "argument '\(key)' of transform 'glue-job' must be a string")
                }
                extra[key.hasPrefix("--") ? key : "--" + key] = text
            }
        } else if options["arguments"] != nil {
            throw LakeError(.invalidConfig, "option 'arguments' of transform 'glue-job' must be a map of strings")
        }
        arguments = extra
        if let value = options["poll_interval"] {
            if let seconds = value.doubleValue {
                pollInterval = .seconds(seconds)
            } else if let parsed = value.stringValue.flatMap(DurationText.parse) {
                pollInterval = parsed
            } else {
                throw LakeError(.invalidConfig, "option 'poll_interval' of transform 'glue-job' must be a duration such as 10s")
            }
        } else {
            pollInterval = .seconds(10)
        }
    }

    /// The job runs go to: `job_name`, else the dataset's default (`lake-<env>-<team>-<dataset>`).
    public func jobName(environment: String, dataset: DatasetRef) -> String {
        jobName ?? "lake-\(environment)-\(dataset.team)-\(dataset.dataset)"
    }

    /// The role a job made from `script` runs as: `role`, else the team's (`lake-<env>-<team>-glue`).
    public func role(environment: String, team: String) -> String {
        role ?? Self.defaultRole(environment: environment, team: team)
    }

    /// The role `lake aws template` creates for a team's jobs.
    public static func defaultRole(environment: String, team: String) -> String { "lake-\(environment)-\(team)-glue" }
}
