import Foundation
import LakeAWS
import LakeCore
import LakeEngine

/// One batch's Glue job run, polled by stage B's wait loop. It starts the run (a start refused
/// because the job runs as often as it may at once, or throttled, is retried with backoff: the
/// batch keeps its keys and its slot meanwhile), reads the run's state every poll interval,
/// and maps Glue's terminal states to the engine's. ``stop(reason:)`` stops the run when the
/// execution times out.
actor GlueJobRunTracker: TransformJob {
    nonisolated let id: String
    let jobName: String
    let batchId: String
    let arguments: [String: String]
    let outputPrefix: String
    let pollInterval: Duration
    let glue: GlueClient
    let objects: any ObjectStore
    let clock: any LakeClock
    private var runId: String?
    private var nextAttempt: Date
    private var backoff: Duration
    private var startRefusals = 0
    private var stopped: String?

    init(
        jobName: String, batchId: String, arguments: [String: String], outputPrefix: String, pollInterval: Duration,
        glue: GlueClient, objects: any ObjectStore, clock: any LakeClock
    ) {
        id = "glue:\(jobName):\(batchId)"
        self.jobName = jobName
        self.batchId = batchId
        self.arguments = arguments
        self.outputPrefix = outputPrefix
        self.pollInterval = pollInterval
        self.glue = glue
        self.objects = objects
        self.clock = clock
        nextAttempt = clock.now()
        backoff = min(pollInterval, .seconds(1))
    }

    /// Starts the run, or schedules another try when Glue refuses for now.
    func start() async throws {
        do {
            runId = try await glue.startJobRun(jobName, arguments: arguments)
            nextAttempt = clock.now().adding(min(pollInterval, .seconds(1)))
        } catch where GlueClient.isConcurrentRunsExceeded(error) || GlueClient.isThrottled(error) {
            startRefusals += 1
            nextAttempt = clock.now().adding(backoff)
            backoff = min(backoff * 2, .seconds(60))
        }
    }

    func wait(upTo limit: Duration) async -> JobState {
        if let stopped { return .stopped(stopped) }
        let now = clock.now()
        if now < nextAttempt {
            let remaining = Duration.seconds(nextAttempt.timeIntervalSince(now))
            try? await clock.sleep(for: min(limit, remaining))
            return .running
        }
        guard let runId else {
            do {
                try await start()
            } catch {
                return .error("StartJobRun of Glue job \(jobName) failed: \(error)")
            }
            return .running
        }
        let run: GlueJobRun
        do {
            run = try await glue.jobRun(jobName, runId: runId)
        } catch where GlueClient.isThrottled(error) {
            nextAttempt = clock.now().adding(pollInterval)
            return .running
        } catch {
            return .error("GetJobRun of Glue job \(jobName) run \(runId) failed: \(error)")
        }
        nextAttempt = clock.now().adding(pollInterval)
        let details = ["glueJobName": jobName, "glueJobRunId": runId, "glueJobState": run.state, "glueStartRetries": String(startRefusals)]
        switch run.state {
        case "SUCCEEDED":
            do {
                return .succeeded(HeavyTransformResult(outputs: try await outputs(), details: details))
            } catch {
                return .error("listing the outputs of Glue job \(jobName) run \(runId) failed: \(error)")
            }
        case "STOPPED":
            return .stopped("Glue job \(jobName) run \(runId) was stopped" + (run.errorMessage.map { ": \($0)" } ?? ""))
        case "TIMEOUT":
            var d = details
            d["glueErrorMessage"] = run.errorMessage
            return .failed("Glue job \(jobName) run \(runId) ended TIMEOUT" + (run.errorMessage.map { ": \($0)" } ?? ""), details: d)
        case _ where run.isTerminal:
            var d = details
            d["glueErrorMessage"] = run.errorMessage
            return .failed("Glue job \(jobName) run \(runId) ended \(run.state): \(run.errorMessage ?? "no error message")", details: d)
        default:
            return .running
        }
    }

    func stop(reason: String) async {
        stopped = reason
        guard let runId else { return }
        // Best effort: the execution fails either way; a run that cannot be stopped ends on its own.
        _ = try? await glue.batchStopJobRun(jobName, runIds: [runId])
    }

    /// The files the run wrote under the output prefix: those with the execution id in their name.
    private func outputs() async throws -> [TransformOutput] {
        try await objects.listAll(zone: .analytics, prefix: outputPrefix).compactMap { info in
            let key = info.location.key.rawValue
            guard key.hasPrefix(outputPrefix), info.location.key.name.contains(batchId) else { return nil }
            let rest = key.dropFirst(outputPrefix.count)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            return TransformOutput.inPlace(table: String(rest[..<slash]), name: String(rest[rest.index(after: slash)...]))
        }
    }
}
