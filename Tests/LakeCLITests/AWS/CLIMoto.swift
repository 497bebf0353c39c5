import Foundation
import LakeTestSupport

/// The AWS side of the CLI tests: the shared moto server (``MotoServer``), the environment of
/// `lake` processes, and the real AWS CLI run against moto.
enum CLIMoto {
    /// Starts the shared moto server if needed; checks the AWS CLI is there too.
    static func start() async throws -> String {
        guard MotoServer.onPath("aws") else { throw CLITestFailure("the AWS CLI is not installed; run scripts/ensure-test-deps.sh") }
        return try await MotoServer.cli.start()
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
        let result = try Subprocess.run(URL(fileURLWithPath: executable), arguments, environment: environment)
        return (result.status, result.stdout, result.stderr)
    }
}

/// A test helper's failure, with what went wrong.
struct CLITestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
