import Foundation
import LakeCore

/// `scripts/credential-endpoint-server.py` for one test: a local instance metadata service
/// (IMDSv2) and container credentials endpoint on a free loopback port, recording what it
/// receives. It exits when ``stop()`` closes its stdin, or when the test process ends.
public final class CredentialEndpointServer: @unchecked Sendable {
    /// `http://127.0.0.1:PORT`.
    public let url: String
    private let process: ChildProcess
    private let stdin: Pipe
    /// Kept open for the server's life.
    private let stdout: Pipe

    /// One request the server received: method, path and the credential headers
    /// (`x-aws-ec2-metadata-token`, `x-aws-ec2-metadata-token-ttl-seconds`, `authorization`).
    public struct Request: Sendable, Decodable, Hashable {
        public var method: String
        public var path: String
        public var headers: [String: String]
    }

    /// Starts a server; `settings` as the script documents them (`expires_in`, `role`,
    /// `ecs_authorization`, `token_status`...).
    public init(settings: [String: Any] = [:]) throws {
        let script = MotoServer.repositoryRoot.appendingPathComponent("scripts/credential-endpoint-server.py")
        stdin = Pipe()
        stdout = Pipe()
        process = try ChildProcess.launch(
            "/usr/bin/env", ["python3", script.path],
            stdin: .descriptor(stdin.fileHandleForReading.fileDescriptor),
            stdout: .descriptor(stdout.fileHandleForWriting.fileDescriptor))
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw MotoServer.Failure(description: "the credential endpoint server did not print its port; run python3 \(script.path) by hand")
        }
        url = "http://127.0.0.1:\(port)"
        if !settings.isEmpty { try configure(settings) }
    }

    /// Merges `settings` into the server's.
    public func configure(_ settings: [String: Any]) throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: settings), as: UTF8.self)
        _ = try Subprocess.python(
            "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method='POST'), timeout=10)",
            [url + "/_control/config", body])
    }

    /// Every request received so far, in order.
    public func requests() throws -> [Request] {
        let text = try Subprocess.python(
            "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())", [url + "/_control/requests"])
        return try JSONDecoder().decode([Request].self, from: Data(text.utf8))
    }

    /// Stops the server.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { try? stdin.fileHandleForWriting.close() }
}
