import Foundation
import LakeCore
import Synchronization

/// A moto server of the test process: started on first use on a free loopback port by
/// `scripts/moto-server.sh` (moto serialised per service, as its handlers are not thread-safe),
/// which stops the server when our end of its stdin pipe closes — at exit or when this process
/// dies. Never skips: a missing moto is a failure that says how to install it.
///
/// One server per test area (``shared`` for the adapters, ``engine`` for engine flows, ``cli``
/// for the CLI's `lake` processes), so one area's load does not starve another's leases.
public actor MotoServer {
    /// The adapters' contract and client tests.
    public static let shared = MotoServer()
    /// Engine flows through the runtime.
    public static let engine = MotoServer()
    /// `lake` processes run by the CLI tests.
    public static let cli = MotoServer()
    /// The queue contract's real-time checks (leases and delays that expire while they sleep):
    /// alone on their server, so no slow request of another suite (moto's CloudFormation, a
    /// large upload) holds theirs back past a lease (two CI runs failed that way).
    public static let timing = MotoServer()

    private var starting: Task<String, any Error>?

    /// Starts the server if needed and returns its endpoint, `http://127.0.0.1:PORT`.
    /// Concurrent callers share one start.
    public func start() async throws -> String {
        if let starting { return try await starting.value }
        let task = Task { try await MotoServer.launch() }
        starting = task
        return try await task.value
    }

    /// A test helper's failure, with what to do about it.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private static func launch() async throws -> String {
        for tool in ["moto_server", "python3"] where !onPath(tool) {
            throw Failure(description: "\(tool) is not installed, and the AWS tests need it: run scripts/ensure-test-deps.sh")
        }
        let port = try freeLoopbackPort()
        let stdin = Pipe()
        let process = try ChildProcess.launch(
            "/bin/bash", [repositoryRoot.appendingPathComponent("scripts/moto-server.sh").path, String(port)],
            stdin: .descriptor(stdin.fileHandleForReading.fileDescriptor), stdout: .null)
        try? stdin.fileHandleForReading.close()
        children.withLock { $0.append(Child(process: process, stdin: stdin)) }
        if children.withLock({ $0.count }) == 1 { atexit { MotoServer.stopChildren() } }
        let url = "http://127.0.0.1:\(port)"
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw Failure(description: "moto_server exited at start (status \(process.terminationStatus)); run MOTO_LOG=/tmp/moto.log scripts/moto-server.sh \(port) to see why")
            }
            if (try? Subprocess.python("import urllib.request; urllib.request.urlopen('\(url)/moto-api/', timeout=2)")) != nil { return url }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw Failure(description: "moto_server did not answer on \(url) within 60 s; check the machine's load")
    }

    /// A child process and the pipe that keeps it alive.
    private struct Child: @unchecked Sendable {
        let process: ChildProcess
        let stdin: Pipe
    }

    private static let children = Mutex<[Child]>([])

    private static func stopChildren() {
        let running = children.withLock { state -> [Child] in
            defer { state = [] }
            return state
        }
        // Closing a pipe makes the script kill moto and exit (a signal to the script itself
        // would orphan the server).
        for child in running { try? child.stdin.fileHandleForWriting.close() }
    }

    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `command` is an executable on `PATH`.
    public static func onPath(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// A loopback port nobody listens on (asked of the kernel by binding port 0).
    public static func freeLoopbackPort() throws -> Int {
        let text = try Subprocess.python("import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Failure(description: "no free port: \(text)") }
        return port
    }

    /// The fake credentials and region every AWS client of the tests uses, with `HOME` and the
    /// AWS config files pointing at nothing, so no real `~/.aws` is read.
    public static func clientEnvironment(endpoint: String? = nil, region: String = "us-east-1") -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-no-home")
        var env = [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret", "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region, "HOME": home.path, "AWS_CONFIG_FILE": home.appendingPathComponent("none").path,
            "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("none").path,
        ]
        if let endpoint { env["AWS_ENDPOINT_URL"] = endpoint }
        return env
    }
}
