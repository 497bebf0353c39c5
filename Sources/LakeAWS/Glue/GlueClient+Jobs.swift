import Foundation
import LakeCore

/// The job definitions `lake aws bootstrap` creates for `glue-job` datasets with a `script`.
extension GlueClient {
    /// The fields of `CreateJob`'s input and `UpdateJob`'s `JobUpdate`, and of `GetJob`'s job.
    struct JobFields: Codable {
        struct JobCommand: Codable {
            var Name: String
            var ScriptLocation: String
            var PythonVersion: String?
        }
        struct Execution: Codable { var MaxConcurrentRuns: Int? }
        /// Set for `CreateJob` only (`UpdateJob` names the job beside the update).
        var Name: String?
        var Role: String
        var Command: JobCommand
        var ExecutionProperty: Execution?
        var GlueVersion: String?
        var WorkerType: String?
        var NumberOfWorkers: Int?
        var Timeout: Int?
        var Description: String?

        init(_ job: GlueJobDefinition, named: Bool) {
            Name = named ? job.name : nil
            Role = job.role
            Command = JobCommand(Name: "glueetl", ScriptLocation: job.scriptLocation, PythonVersion: "3")
            ExecutionProperty = Execution(MaxConcurrentRuns: job.maxConcurrentRuns)
            GlueVersion = job.glueVersion
            WorkerType = job.workerType
            NumberOfWorkers = job.numberOfWorkers
            Timeout = job.timeoutMinutes
            Description = "SwiftLake stage B of \(job.team)/\(job.dataset)"
        }

        /// Whether a job read back runs `job` as wanted (the fields SwiftLake sets).
        func matches(_ job: GlueJobDefinition) -> Bool {
            Role == job.role && Command.ScriptLocation == job.scriptLocation && GlueVersion == job.glueVersion
                && WorkerType == job.workerType && NumberOfWorkers == job.numberOfWorkers
                && ExecutionProperty?.MaxConcurrentRuns == job.maxConcurrentRuns && Timeout == job.timeoutMinutes
        }
    }

    /// Creates `job`; false when a job of that name exists already.
    @discardableResult
    public func createJob(_ job: GlueJobDefinition) async throws -> Bool {
        do {
            _ = try await call("CreateJob", JobFields(job, named: true), as: AWSEmpty.self)
            return true
        } catch where GlueClient.isAlreadyExists(error) || (error as? LakeError)?.awsCode == "IdempotentParameterMismatchException" {
            return false
        }
    }

    /// Whether job `name` exists, and if so whether it runs as `job` says: nil when it does not exist.
    public func jobMatches(_ job: GlueJobDefinition) async throws -> Bool? {
        struct Input: Encodable { var JobName: String }
        struct Output: Decodable { var Job: JobFields }
        do {
            return try await call("GetJob", Input(JobName: job.name), as: Output.self).Job.matches(job)
        } catch where GlueClient.isNotFound(error) {
            return nil
        }
    }

    /// Replaces the settings of the existing job `job.name` with `job`'s.
    public func updateJob(_ job: GlueJobDefinition) async throws {
        struct Input: Encodable {
            var JobName: String
            var JobUpdate: JobFields
        }
        _ = try await call("UpdateJob", Input(JobName: job.name, JobUpdate: JobFields(job, named: false)), as: AWSEmpty.self)
    }
}
