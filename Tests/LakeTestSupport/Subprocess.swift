import Foundation
import LakeCore

/// Runs another program to completion and captures what it printed: how tests check
/// SwiftLake's output with other tools (python3 with pyarrow and DuckDB, the AWS CLI, the
/// example binary). Output goes through temporary files, so a chatty program never blocks on
/// a full pipe.
public enum Subprocess {
    /// Exit status and output of a finished program.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// A program that exited with a non-zero status.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments` in `directory` and waits for it. `environment`
    /// replaces the inherited one when given.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        let process = try ChildProcess.launch(
            executable.path, arguments, environment: environment, directory: directory?.path,
            stdin: .null, stdout: .file(out.path), stderr: .file(err.path))
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs `command` (found on PATH) and returns its stdout; throws ``Failure`` with its
    /// stderr when it exits non-zero.
    public static func output(_ command: [String], environment: [String: String]? = nil, directory: URL? = nil) throws -> String {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), command, environment: environment, directory: directory)
        guard result.status == 0 else {
            throw Failure(description: "\(command.prefix(3).joined(separator: " ")) failed (\(result.status)):\n\(result.stderr)")
        }
        return result.stdout
    }

    /// Runs a Python snippet (`python3 -c script args...`) and returns its stdout.
    public static func python(_ script: String, _ args: [String] = []) throws -> String {
        try output(["python3", "-c", script] + args)
    }
}
