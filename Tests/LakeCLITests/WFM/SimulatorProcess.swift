import AsyncHTTPClient
import Foundation
import LakeTestSupport
import NIOCore
import NIOHTTP1

/// `lake wfm simulator --port 0` in a temporary directory, with its admin routes.
final class SimulatorProcess: @unchecked Sendable {
    let dir: TempDir
    let process: LakeBinary.Running
    let base: String

    init(_ arguments: [String] = []) async throws {
        dir = try TempDir()
        process = try LakeBinary.start(["wfm", "simulator", "--port", "0"] + arguments, in: dir.url)
        let deadline = Date().addingTimeInterval(60)
        while true {
            let text = process.stderrSoFar
            if let range = text.range(of: #"serving http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                base = String(text[range].dropFirst("serving ".count).dropLast())
                break
            }
            guard process.process.isRunning else { throw CLITestFailure("the simulator exited: \(text)") }
            guard Date() < deadline else { throw CLITestFailure("the simulator did not start: \(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// A tenant record (TPS shape) pointing at this simulator.
    func tenant(_ id: String, max: Int = 10, lookbackHours: Int = 72) -> String {
        #"{"customerId": "\#(id)", "AMC": {"amcApiEndpoint": "\#(base)/\#(id)", "auth": "none"}, "maximumConcurrentWorkflowExecutions": \#(max), "syncWorkflowStatuses": {"lookBackHours": \#(lookbackHours)}}"#
    }

    /// `GET /_admin/stats` → the tenant's counters.
    func stats(_ tenant: String) async throws -> [String: Any] {
        let reply = try await request(.GET, "/_admin/stats")
        let all = try require(try JSONSerialization.jsonObject(with: reply) as? [String: Any])
        return ((all["tenants"] as? [String: Any])?[tenant] as? [String: Any]) ?? [:]
    }

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Data {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await ServedLake.client.execute(request, timeout: .seconds(30))
        return Data(try await response.body.collect(upTo: 16 << 20).readableBytesView)
    }

    func stop() {
        if process.process.isRunning { process.process.terminate() }
        process.process.waitUntilExit()
    }

    deinit { if process.process.isRunning { process.process.terminate() } }
}

/// `#require` for helpers outside a test body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CLITestFailure("unexpected shape") }
    return value
}
