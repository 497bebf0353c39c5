import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process with stdin from a file and stdout/stderr to files, so nothing
/// blocks on a full pipe; keeps the last 4 KiB of each stream.
final class CommandRun: @unchecked Sendable {
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
    private let lock = NSLock()
    private var process: Process?

    init(arguments: [String], environment: [String: String], workingDirectory: String?, stdin: URL, stdout: URL, stderr: URL) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    func execute(timeout: Duration, clock: any LakeClock) async throws -> Exit {
        let fm = FileManager.default
        _ = fm.createFile(atPath: stdout.path, contents: nil)
        _ = fm.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)

        let finished = LockedValue(false)
        let status: Int32 = try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { p in
                finished.set(true)
                cont.resume(returning: p.terminationStatus)
            }
            do {
                lock.withLock { self.process = process }
                try process.run()
            } catch {
                process.terminationHandler = nil
                cont.resume(throwing: LakeError(
                    .transform, "could not start `\(arguments.joined(separator: " "))`: \(error)",
                    hint: "check the `command` option and that the executable is on PATH"))
            }
            // Watchdog: terminate the child when the timeout passes.
            Task {
                try? await clock.sleep(for: timeout)
                if !finished.value { self.terminate(timedOut: true) }
            }
        }
        let timedOut = lock.withLock { self.timedOut }
        return Exit(status: status, timedOut: timedOut, stdoutTail: Self.tail(of: stdout), stderrTail: Self.tail(of: stderr))
    }

    private var timedOut = false

    /// Sends SIGTERM, then SIGKILL two seconds later if the child is still alive.
    func terminate(timedOut: Bool = false) {
        let p: Process? = lock.withLock {
            if timedOut { self.timedOut = true }
            return process
        }
        guard let p, p.isRunning else { return }
        let pid = p.processIdentifier
        p.terminate()
        Task.detached {
            try? await Task.sleep(for: .seconds(2))
            if p.isRunning { kill(pid, SIGKILL) }
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
