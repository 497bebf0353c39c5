import Foundation
import LakeTestSupport
import LakeCore
import Synchronization

/// `scripts/aws-fault-server.py`, started once per test process: a server that answers with
/// scripted throttling and failures (moto cannot be told to). It exits when our end of its
/// stdin pipe closes.
actor FaultServer {
    static let shared = FaultServer()
    private var starting: Task<String, any Error>?

    /// The server's endpoint, `http://127.0.0.1:PORT`.
    func start() async throws -> String {
        if let starting { return try await starting.value }
        let task = Task { try FaultServer.launch() }
        starting = task
        return try await task.value
    }

    private struct Child: @unchecked Sendable {
        let process: ChildProcess
        let stdin: Pipe
        /// Kept open for the server's life, so a later line it prints cannot fail on a closed pipe.
        let stdout: Pipe
    }
    private static let child = Mutex<Child?>(nil)

    private static func launch() throws -> String {
        let script = MotoServer.repositoryRoot.appendingPathComponent("scripts/aws-fault-server.py")
        let stdin = Pipe()
        let stdout = Pipe()
        let process = try ChildProcess.launch(
            "/usr/bin/env", ["python3", script.path],
            stdin: .descriptor(stdin.fileHandleForReading.fileDescriptor),
            stdout: .descriptor(stdout.fileHandleForWriting.fileDescriptor))
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        child.withLock { $0 = Child(process: process, stdin: stdin, stdout: stdout) }
        atexit { FaultServer.child.withLock { try? $0?.stdin.fileHandleForWriting.close() } }
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw LakeError(.io, "the fault server did not print its port", hint: "run python3 scripts/aws-fault-server.py by hand")
        }
        return "http://127.0.0.1:\(port)"
    }
}
