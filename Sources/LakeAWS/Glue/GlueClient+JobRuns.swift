import Foundation
import LakeCore

/// A Glue job run's state, as `GetJobRun` reports it.
public struct GlueJobRun: Sendable, Hashable {
    /// The run id (`jr_...`).
    public var id: String
    /// `STARTING`, `RUNNING`, `STOPPING`, `STOPPED`, `SUCCEEDED`, `FAILED`, `TIMEOUT`, `ERROR`,
    /// `WAITING` or `EXPIRED`.
    public var state: String
    /// Why the run failed, when it did.
    public var errorMessage: String?

    /// Whether the run has ended (successfully or not).
    public var isTerminal: Bool { Self.terminalStates.contains(state) }

    /// The states a run never leaves.
    public static let terminalStates: Set<String> = ["STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "EXPIRED"]
}

extension GlueClient {
    /// Whether an error says the job already runs as many times as it may at once.
    public static func isConcurrentRunsExceeded(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "ConcurrentRunsExceededException"
    }

    /// Whether an error asks the caller to slow down (it outlasted the transport's retries).
    public static func isThrottled(_ error: any Error) -> Bool {
        guard let code = (error as? LakeError)?.awsCode else { return false }
        return RetryPolicy.throttlingCodes.contains(code)
    }

    /// Starts a run of job `name` with `arguments` (`--key` → value); returns its id.
    public func startJobRun(_ name: String, arguments: [String: String]) async throws -> String {
        struct Input: Encodable {
            var JobName: String
            var Arguments: [String: String]
        }
        struct Output: Decodable { var JobRunId: String }
        return try await call("StartJobRun", Input(JobName: name, Arguments: arguments), as: Output.self).JobRunId
    }

    /// The run `runId` of job `name`.
    public func jobRun(_ name: String, runId: String) async throws -> GlueJobRun {
        struct Input: Encodable {
            var JobName: String
            var RunId: String
        }
        struct Run: Decodable {
            var Id: String
            var JobRunState: String
            var ErrorMessage: String?
        }
        struct Output: Decodable { var JobRun: Run }
        let run = try await call("GetJobRun", Input(JobName: name, RunId: runId), as: Output.self).JobRun
        return GlueJobRun(id: run.Id, state: run.JobRunState, errorMessage: run.ErrorMessage)
    }

    /// Asks Glue to stop runs of job `name`; returns the ids it could not stop, with why.
    public func batchStopJobRun(_ name: String, runIds: [String]) async throws -> [String: String] {
        struct Input: Encodable {
            var JobName: String
            var JobRunIds: [String]
        }
        struct Failure: Decodable {
            var JobRunId: String?
            var ErrorDetail: Detail?
            struct Detail: Decodable { var ErrorMessage: String? }
        }
        struct Output: Decodable { var Errors: [Failure]? }
        let output = try await call("BatchStopJobRun", Input(JobName: name, JobRunIds: runIds), as: Output.self)
        var failed: [String: String] = [:]
        for f in output.Errors ?? [] { failed[f.JobRunId ?? "?"] = f.ErrorDetail?.ErrorMessage ?? "unknown error" }
        return failed
    }
}
