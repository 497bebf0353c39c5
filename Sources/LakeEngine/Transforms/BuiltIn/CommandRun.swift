import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process with stdin from a file and stdout/stderr to files, so nothing
/// blocks on a full pipe; keeps the last 4 KiB of each stream.
final class CommandRun: Sendable {
    struct Exit: Sendable {
        var status: Int32
        var timedOut: Bool
        var stdoutTail: String
        var stderrTail: String
    }

    let arguments: [String]
    let environment: [String: String]
    let workingDirectory: String?
    let stdin: URL
    let stdout: URL
    let stderr: URL
    private let child = LockedValue<ChildProcess?>(nil)
    private let timedOut = LockedValue(false)

    init(arguments: [String], environment: [String: String], workingDirectory: String?, stdin: URL, stdout: URL, stderr: URL) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    func execute(timeout: Duration, clock: any LakeClock) async throws -> Exit {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let process: ChildProcess
        do {
            process = try ChildProcess.launch(
                "/usr/bin/env", arguments, environment: env, directory: workingDirectory,
                stdin: .file(stdin.path), stdout: .file(stdout.path), stderr: .file(stderr.path))
        } catch {
            throw LakeError(
                .transform, "could not start `\(arguments.joined(separator: " "))`: \(error)",
                hint: "check the `command` option and that the executable is on PATH")
        }
        child.set(process)
        // Watchdog: terminate the child when the timeout passes.
        let watchdog = Task {
            try await clock.sleep(for: timeout)
            self.terminate(timedOut: true)
        }
        await process.exited()
        watchdog.cancel()
        return Exit(
            status: process.terminationStatus, timedOut: timedOut.value,
            stdoutTail: Self.tail(of: stdout), stderrTail: Self.tail(of: stderr))
    }

    /// Sends SIGTERM, then SIGKILL two seconds later if the child is still alive.
    func terminate(timedOut: Bool = false) {
        if timedOut { self.timedOut.set(true) }
        guard let process = child.value, process.isRunning else { return }
        process.terminate()
        Task.detached {
            try? await Task.sleep(for: .seconds(2))
            process.terminate(SIGKILL)
        }
    }

    static func tail(of file: URL, bytes: Int = 4096) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(bytes) ? size - UInt64(bytes) : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
