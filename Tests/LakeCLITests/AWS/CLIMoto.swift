import Foundation

/// The one moto server of the CLI test process, started on first use on a free loopback port by
/// `scripts/moto-server.sh` (moto serialised per service), which stops it when our end of its
/// stdin pipe closes: at exit or when this process dies. Also runs the real AWS CLI against it.
actor CLIMoto {
    static let shared = CLIMoto()

    private var starting: Task<String, any Error>?
    private var child: (process: Process, stdin: Pipe)?

    /// Starts the server if needed and returns `http://127.0.0.1:PORT`. Never skips: a missing
    /// moto or AWS CLI fails the test with how to install them.
    func start() async throws -> String {
        if let starting { return try await starting.value }
        let task = Task { try await self.launch() }
        starting = task
        return try await task.value
    }

    private func launch() async throws -> String {
        for tool in ["moto_server", "aws", "python3"] where !CLIMoto.onPath(tool) {
            throw CLITestFailure("\(tool) is not installed; run scripts/ensure-test-deps.sh")
        }
        let port = try CLIMoto.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLIMoto.repositoryRoot.appendingPathComponent("scripts/moto-server.sh").path, String(port)]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        child = (process, stdin)
        let url = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else { throw CLITestFailure("moto_server exited at start; try MOTO_LOG=/tmp/moto.log scripts/moto-server.sh \(port)") }
            if (try? CLIMoto.python("import urllib.request; urllib.request.urlopen('\(url)/moto-api/', timeout=2)")) != nil { return url }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CLITestFailure("moto_server did not answer on \(url) within 60 s")
    }

    /// The fake credentials and an empty home for every AWS client of the tests (`lake` and the
    /// AWS CLI alike).
    static func environment(home: URL) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret", "AWS_DEFAULT_REGION": "us-east-1",
            "HOME": home.path, "AWS_CONFIG_FILE": home.appendingPathComponent("none").path,
            "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("none").path,
        ]
    }

    /// Variables of the test runner's environment that would point clients elsewhere (lake.yaml's
    /// endpoint must be the one used). `lake` treats an empty value as unset; the AWS CLI does
    /// not, so they are removed from its environment.
    static let clearedVariables = ["AWS_SESSION_TOKEN", "AWS_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"]

    /// The environment for `lake` processes: ``environment(home:)`` with the cleared variables empty.
    static func lakeEnvironment(home: URL) -> [String: String] {
        var env = environment(home: home)
        for name in clearedVariables { env[name] = "" }
        return env
    }

    /// Runs `aws --endpoint-url <moto> <arguments>`; returns stdout, throwing with stderr on failure.
    @discardableResult
    static func aws(_ arguments: [String], endpoint: String, json: Bool = true) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-cli-aws-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env.merge(environment(home: home)) { _, new in new }
        for name in clearedVariables { env[name] = nil }
        let args = ["aws", "--endpoint-url", endpoint] + (json ? ["--output", "json"] : []) + arguments
        let (status, out, err) = try run("/usr/bin/env", args, environment: env)
        guard status == 0 else { throw CLITestFailure("aws \(arguments.prefix(3).joined(separator: " ")) failed (\(status)): \(err)") }
        return out
    }

    /// `aws ... --output json`, parsed.
    static func awsJSON(_ arguments: [String], endpoint: String) throws -> [String: Any] {
        let text = try aws(arguments, endpoint: endpoint)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CLITestFailure("aws \(arguments.prefix(2).joined(separator: " ")) did not print a JSON object: \(text.prefix(300))")
        }
        return object
    }

    /// Runs a python3 snippet; returns stdout.
    @discardableResult
    static func python(_ code: String, arguments: [String] = []) throws -> String {
        let (status, out, err) = try run("/usr/bin/env", ["python3", "-c", code] + arguments, environment: ProcessInfo.processInfo.environment)
        guard status == 0 else { throw CLITestFailure("python3 failed (\(status)): \(err.suffix(2000))") }
        return out
    }

    /// Runs a program to completion, collecting its output through files (no pipe deadlocks).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Int32, String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-run-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func onPath(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// A loopback port nobody listens on (asked of the kernel by binding port 0).
    static func freePort() throws -> Int {
        let text = try python("import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw CLITestFailure("no free port: \(text)") }
        return port
    }
}

/// A test helper's failure, with what went wrong.
struct CLITestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
