import LakeCore

/// A Glue job SwiftLake creates for a dataset's `glue-job` stage B when lake.yaml gives its
/// `script`: what `lake aws bootstrap` passes to `CreateJob` (or `UpdateJob` when it changed)
/// and what `lake aws template` writes as an `AWS::Glue::Job`.
public struct GlueJobDefinition: Sendable, Hashable {
    /// The job's name.
    public var name: String
    /// The IAM role Glue runs it as: a role name or ARN (Glue takes either).
    public var role: String
    /// `s3://bucket/key` of the script.
    public var scriptLocation: String
    /// `G.1X`, `G.2X`, ...
    public var workerType: String
    /// How many workers a run gets.
    public var numberOfWorkers: Int
    /// The Glue runtime (`4.0`, `5.0`).
    public var glueVersion: String
    /// Runs at once: stage B's `max_concurrent`.
    public var maxConcurrentRuns: Int
    /// A run's timeout in minutes: stage B's timeout, so Glue stops what the execution gave up on.
    public var timeoutMinutes: Int
    /// The team and dataset it runs for.
    public var team: String
    public var dataset: String

    /// Creates a definition.
    public init(
        name: String, role: String, scriptLocation: String, workerType: String, numberOfWorkers: Int, glueVersion: String,
        maxConcurrentRuns: Int, timeoutMinutes: Int, team: String, dataset: String
    ) {
        self.name = name
        self.role = role
        self.scriptLocation = scriptLocation
        self.workerType = workerType
        self.numberOfWorkers = numberOfWorkers
        self.glueVersion = glueVersion
        self.maxConcurrentRuns = maxConcurrentRuns
        self.timeoutMinutes = timeoutMinutes
        self.team = team
        self.dataset = dataset
    }

    /// Where a local script is uploaded, under the artifacts zone's prefix:
    /// `glue-scripts/<team>/<dataset>/<file name>`.
    public static func scriptKey(team: String, dataset: String, fileName: String) -> String {
        "glue-scripts/\(team)/\(dataset)/\(fileName)"
    }
}
