import Foundation
import LakeCore

/// Runs the built `lake` binary (LAKE_BIN, set by scripts/test.sh; else the package's debug build).
struct LakeBinary {
    static let url: URL = {
        if let env = ProcessInfo.processInfo.environment["LAKE_BIN"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent(".build/debug/lake")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "lake")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// Runs `lake args...` in `directory` and waits for it.
    @discardableResult
    static func run(_ args: [String], in directory: URL, environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> Result {
        let process = try start(args, in: directory, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        while process.process.isRunning {
            if Date() > deadline {
                process.process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.process.waitUntilExit()
        return process.result()
    }

    /// A running `lake` process with its output going to files.
    final class Running: @unchecked Sendable {
        let process: ChildProcess
        let out: URL
        let err: URL
        init(process: ChildProcess, out: URL, err: URL) {
            self.process = process
            self.out = out
            self.err = err
        }
        /// What the process wrote to stderr so far (it may still run).
        var stderrSoFar: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

        func result() -> Result {
            Result(
                status: process.terminationStatus,
                stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }

    static func start(_ args: [String], in directory: URL, environment: [String: String] = [:]) throws -> Running {
        var env = ProcessInfo.processInfo.environment
        env["LAKE_CONFIG"] = nil
        env.merge(environment) { _, new in new }
        let out = directory.appendingPathComponent(".out-\(UUID().uuidString.prefix(6))")
        let err = directory.appendingPathComponent(".err-\(UUID().uuidString.prefix(6))")
        let process = try ChildProcess.launch(
            url.path, args, environment: env, directory: directory.path,
            stdin: .null, stdout: .file(out.path), stderr: .file(err.path))
        return Running(process: process, out: out, err: err)
    }
}

/// A temporary directory that removes itself.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ content: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: file)
    }
}

/// A lake.yaml with 2 teams and 3 datasets.
let twoTeamsConfig = """
environment: dev
org: acme
app: lake
storage:
  backend: embedded
  path: .lake
teams:
  sales: {}
  ops: {}
pipelines:
  main:
    type: standard
    stage_a: {transform: json-flatten}
    stage_b: {transform: concat, trigger: event, max_items: 40, max_concurrent: 2}
datasets:
  orders: {team: sales, pipeline: main}
  refunds: {team: sales, pipeline: main}
  metrics: {team: ops, pipeline: main}

"""
