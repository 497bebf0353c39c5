import AsyncHTTPClient
import Foundation
import LakeTestSupport
import NIOCore
import NIOHTTP1

/// A `lake serve` (or `lake run --http`) process on a free port over a lake in a temporary
/// directory, and an HTTP client to it. Stop it with ``stop()``.
final class ServedLake: @unchecked Sendable {
    let dir: TempDir
    let process: LakeBinary.Running
    let base: String
    let port: Int
    /// The token the server printed (nil with `--no-auth`).
    let token: String?

    /// Starts `lake <arguments>` (which must serve on `--port 0`/`--http 0`) in `dir` and waits
    /// for its "serving http://..." line.
    init(dir: TempDir, arguments: [String] = ["serve", "--port", "0"], environment: [String: String] = [:]) async throws {
        self.dir = dir
        process = try LakeBinary.start(arguments, in: dir.url, environment: environment)
        let deadline = Date().addingTimeInterval(60)
        var found: (Int, String?)?
        while found == nil {
            let stderr = process.stderrSoFar
            if let line = stderr.split(separator: "\n").first(where: { $0.contains("serving http://") }),
               let range = line.range(of: #":[0-9]+/"#, options: .regularExpression), let port = Int(line[range].dropFirst().dropLast()) {
                let token = stderr.split(separator: "\n").first { $0.contains("created the API token") }.flatMap { $0.split(separator: " ").last.map(String.init) }
                found = (port, token)
                break
            }
            guard process.process.isRunning else { throw CLITestFailure("lake \(arguments.joined(separator: " ")) exited: \(stderr)") }
            guard Date() < deadline else { throw CLITestFailure("lake did not start serving within 60 s: \(stderr)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        port = found?.0 ?? 0
        base = "http://127.0.0.1:\(port)"
        if let printed = found?.1 {
            token = printed
        } else if environment["LAKE_API_TOKEN"] != nil {
            token = environment["LAKE_API_TOKEN"]
        } else {
            let file = dir.url.appendingPathComponent(".lake/state/api-token")
            token = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// One HTTP exchange.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request; `auth` false leaves the token out.
    func request(
        _ method: HTTPMethod, _ path: String, auth: Bool = true, body: String? = nil, contentType: String? = "application/json",
        headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if auth, let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await Self.client.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    func get(_ path: String, auth: Bool = true) async throws -> Reply { try await request(.GET, path, auth: auth) }

    /// One client for every test, which does not follow redirects (the tests look at them).
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    /// Stops the server (SIGTERM) and waits for it; returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.process.isRunning { process.process.terminate() }
        process.process.waitUntilExit()
        return process.process.terminationStatus
    }

    deinit { if process.process.isRunning { process.process.terminate() } }
}

/// A demo lake (`lake demo`) with one failed stage-A execution on top: a file that is not JSON.
func demoLakeWithAFailure() throws -> TempDir {
    let dir = try TempDir()
    let demo = try LakeBinary.run(["demo", "--dir", dir.url.path], in: dir.url)
    guard demo.status == 0 else { throw CLITestFailure("lake demo failed: \(demo.stderr)") }
    try dir.write("in/broken.json", "{not json")
    guard try LakeBinary.run(["ingest", "in", "--team", "demoteam", "--dataset", "legislators", "--table", "persons"], in: dir.url).status == 0,
          try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0
    else { throw CLITestFailure("could not add the failed execution") }
    return dir
}
