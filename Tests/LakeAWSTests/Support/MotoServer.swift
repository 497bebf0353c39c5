import AsyncHTTPClient
import Foundation
import LakeAWS
import LakeCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one moto server of this test process, started on first use on a free loopback port
/// by `scripts/moto-server.sh`, which stops the server when our end of its stdin pipe closes:
/// at exit (closed explicitly) or when this process dies.
actor MotoServer {
    static let shared = MotoServer()

    private var starting: Task<String, any Error>?

    /// Starts the server if needed and returns its endpoint, `http://127.0.0.1:PORT`. Never
    /// skips: a missing moto is a failure that says how to install it. Concurrent callers
    /// share one start.
    func start() async throws -> String {
        if let starting { return try await starting.value }
        let task = Task { try await MotoServer.launch() }
        starting = task
        return try await task.value
    }

    private static func launch() async throws -> String {
        let script = MotoServer.repositoryRoot.appendingPathComponent("scripts/moto-server.sh")
        guard MotoServer.onPath("moto_server") else {
            throw LakeError(
                .io, "moto_server is not installed, and the LakeAWS tests need it",
                hint: "run scripts/ensure-test-deps.sh (pip installs moto[server] and awscli)")
        }
        let port = try MotoServer.freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, String(port)]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        MotoServer.child.withLock { $0 = ChildProcess(process: process, stdin: stdin) }
        atexit { MotoServer.stopChild() }
        let url = "http://127.0.0.1:\(port)"
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw LakeError(
                    .io, "moto_server exited at start (status \(process.terminationStatus))",
                    hint: "run scripts/ensure-test-deps.sh, then MOTO_LOG=/tmp/moto.log scripts/moto-server.sh \(port) to see why")
            }
            if await MotoServer.answers(url) { return url }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw LakeError(.timeout, "moto_server did not answer on \(url) within 60 s", hint: "check the machine's load")
    }

    /// A child process and the pipe that keeps it alive.
    private struct ChildProcess: @unchecked Sendable {
        let process: Process
        let stdin: Pipe
    }

    private static let child = Mutex<ChildProcess?>(nil)

    private static func stopChild() {
        guard let running = child.withLock({ state -> ChildProcess? in
            defer { state = nil }
            return state
        }) else { return }
        // Closing the pipe makes the script kill moto and exit (a signal to the script itself
        // would orphan the server).
        try? running.stdin.fileHandleForWriting.close()
    }

    private static func answers(_ url: String) async -> Bool {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/moto-api/"), timeout: .seconds(2))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status.code < 500
        } catch {
            return false
        }
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `command` is an executable on `PATH`.
    static func onPath(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(command)")
        }
    }

    /// A port nobody listens on: bind 127.0.0.1:0, read the port, close.
    static func freeLoopbackPort() throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LakeError(.io, "cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw LakeError(.io, "cannot bind a loopback socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
