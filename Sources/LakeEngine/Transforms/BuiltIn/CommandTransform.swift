import Foundation
import LakeCore

/// Stage B `command`: runs a configured executable with a JSON job description on stdin
/// (`batchId`, `team`, `dataset`, `pipeline`, `inputs` [{key, table, path}], `outputDirectory`,
/// `options`). Whatever it writes under `outputDirectory/<table>/...` lands in analytics.
/// A non-zero exit fails the execution with the tail of stderr; tails of stdout and stderr are
/// kept in the execution's details.
///
/// Options: `command` (string, split on spaces, or a list), `timeout` (default 10m), `env`
/// (map), `workdir`.
public struct CommandTransform: HeavyTransform {
    public var arguments: [String]
    public var timeout: Duration
    public var environment: [String: String]
    public var workingDirectory: String?

    /// The options `lake config validate` checks; any other option is passed to the program.
    public static let options = [
        TransformOptionSpec("command", .stringList, summary: "the program and its arguments (a list, or one string split on spaces); required"),
        TransformOptionSpec("timeout", .duration, default: "10m", summary: "stop the program after this long"),
        TransformOptionSpec("env", .stringMap, summary: "extra environment variables"),
        TransformOptionSpec("workdir", .string, summary: "the working directory (default: the lake's)"),
    ]

    public init(options: TransformOptions) throws {
        switch options["command"] {
        case .array(let items)?:
            arguments = items.compactMap(\.stringValue)
        case .string(let s)?:
            arguments = s.split(separator: " ").map(String.init)
        default:
            arguments = []
        }
        guard !arguments.isEmpty else {
            throw LakeError(
                .invalidConfig, "the command transform needs a `command` option",
                hint: "e.g. options: {command: [python3, jobs/enrich.py], timeout: 10m}", context: ["transform": "command"])
        }
        timeout = try options.duration("timeout", transform: "command") ?? .seconds(600)
        environment = (options["env"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        workingDirectory = try options.string("workdir", transform: "command")
    }

    public func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
        let job = JobDescription(
            batchId: input.batchId, team: input.dataset.team, dataset: input.dataset.dataset, pipeline: input.pipeline,
            inputs: input.inputs.map { .init(key: $0.key, table: $0.table, path: $0.file.path) },
            outputDirectory: input.outputDirectory.path, options: input.options)
        let scratch = input.outputDirectory.deletingLastPathComponent().appendingPathComponent("command-\(input.batchId)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let stdin = scratch.appendingPathComponent("job.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try ScratchFile.save(try encoder.encode(job), to: stdin)
        let run = CommandRun(
            arguments: arguments, environment: environment, workingDirectory: workingDirectory,
            stdin: stdin, stdout: scratch.appendingPathComponent("stdout.log"), stderr: scratch.appendingPathComponent("stderr.log"))
        let outputDirectory = input.outputDirectory
        let timeout = self.timeout
        let work: @Sendable () async throws -> HeavyTransformResult = {
            let exit = try await run.execute(timeout: timeout, clock: clock)
            var details = ["exitCode": String(exit.status), "stdoutTail": exit.stdoutTail, "stderrTail": exit.stderrTail]
            if exit.timedOut {
                details["timeout"] = DurationText.format(timeout)
                throw LakeError(.timeout, "command timed out after \(DurationText.format(timeout))", context: details)
            }
            guard exit.status == 0 else {
                let tail = exit.stderrTail.isEmpty ? "(stderr was empty)" : exit.stderrTail
                throw LakeError(.transform, "command exited with status \(exit.status): \(tail)", context: details)
            }
            details["outputs"] = nil
            return HeavyTransformResult(outputs: try OutputScan.files(in: outputDirectory), details: details)
        }
        return CommandJob(id: input.batchId, run: run, local: LocalJob(id: input.batchId, clock: clock, work: work))
    }

    struct JobDescription: Encodable {
        struct Input: Encodable {
            var key: String
            var table: String
            var path: String
        }
        var batchId: String
        var team: String
        var dataset: String
        var pipeline: String
        var inputs: [Input]
        var outputDirectory: String
        var options: TransformOptions
    }
}

/// A command's job: a local task around the child process, which `stop` terminates.
final class CommandJob: TransformJob {
    let id: String
    private let run: CommandRun
    private let local: LocalJob
    init(id: String, run: CommandRun, local: LocalJob) {
        self.id = id
        self.run = run
        self.local = local
    }
    func wait(upTo: Duration) async -> JobState {
        let state = await local.wait(upTo: upTo)
        if case .failed(let message, let details) = state, details["timeout"] != nil {
            _ = message
            return .timedOut
        }
        return state
    }
    func stop(reason: String) async {
        run.terminate()
        await local.stop(reason: reason)
    }
}

/// Lists the files a heavy transform wrote as `<table>/<relative path>` outputs.
enum OutputScan {
    static func files(in directory: URL) throws -> [TransformOutput] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var outputs: [TransformOutput] = []
        let base = directory.standardizedFileURL.path
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base) { relative.removeFirst(base.count) }
            relative = String(relative.drop { $0 == "/" })
            let parts = relative.split(separator: "/", maxSplits: 1)
            if parts.count == 2 {
                outputs.append(TransformOutput(table: String(parts[0]), name: String(parts[1]), file: url))
            } else {
                outputs.append(TransformOutput(table: LakeNames.tableName(fromFileName: relative), name: relative, file: url))
            }
        }
        return outputs.sorted { ($0.table, $0.name) < ($1.table, $1.name) }
    }
}
