import AsyncHTTPClient
import Foundation
import LakeAMCSimulator
import NIOCore
import NIOHTTP1

/// A running simulator on a free port, its clock, and an HTTP client to it.
struct Simulated: Sendable {
    let base: String
    let clock: ManualClock
    let simulator: AMCSimulator

    /// Sends a request; `json` is serialized as the body.
    func request(_ method: HTTPMethod, _ path: String, json: Any? = nil, raw: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        var body = raw
        if let json { body = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        var fields: [String: String] = [:]
        for header in response.headers where fields[header.name.lowercased()] == nil { fields[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: fields, body: Data(buffer.readableBytesView))
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply { try await request(.GET, path, headers: headers) }
    func post(_ path: String, _ json: Any = [String: Any]()) async throws -> Reply { try await request(.POST, path, json: json) }
    func put(_ path: String, _ json: Any) async throws -> Reply { try await request(.PUT, path, json: json) }
    func delete(_ path: String) async throws -> Reply { try await request(.DELETE, path) }

    /// Creates workflow `id` for `tenant`.
    func createWorkflow(_ id: String, tenant: String = "acme") async throws {
        let reply = try await post("/\(tenant)/workflows", ["workflowId": id, "sqlQuery": "SELECT 1"])
        guard reply.status == 200 else { throw HarnessFailure("creating \(id): \(reply.status) \(reply.text)") }
    }

    /// Submits an execution of `workflowId` and returns its id.
    func submit(_ workflowId: String, tenant: String = "acme", extra: [String: Any] = [:]) async throws -> String {
        var body = extra
        body["workflowId"] = workflowId
        let reply = try await post("/\(tenant)/workflowExecutions", body)
        guard reply.status == 200, let id = reply.string("workflowExecutionId") else {
            throw HarnessFailure("submitting \(workflowId): \(reply.status) \(reply.text)")
        }
        return id
    }

    /// The status of execution `id`.
    func status(_ id: String, tenant: String = "acme") async throws -> String? {
        try await get("/\(tenant)/workflowExecutions/\(id)").string("status")
    }

    /// The statistics of `tenant` from `/_admin/stats`.
    func stats(_ tenant: String = "acme") async throws -> [String: Any] {
        let tenants = try await get("/_admin/stats").object["tenants"] as? [String: Any]
        return (tenants?[tenant] as? [String: Any]) ?? [:]
    }
}

/// Runs `body` against a simulator served on a free port, and stops the server afterwards
/// (cancelling its task, which shuts the service group down).
func withSimulator(
    _ configuration: AMCSimulatorConfiguration = AMCSimulatorConfiguration(pendingSeconds: 10, runningSeconds: 20),
    clock: ManualClock = ManualClock(), _ body: (Simulated) async throws -> Void
) async throws {
    let simulator = try AMCSimulator(configuration: configuration, now: { clock.now() })
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = Task {
        defer { continuation.finish() }
        try await simulator.run { continuation.yield($0) }
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
        _ = await server.result
        throw HarnessFailure("the simulator stopped before it listened")
    }
    do {
        try await body(Simulated(base: "http://127.0.0.1:\(port)", clock: clock, simulator: simulator))
    } catch {
        server.cancel()
        _ = await server.result
        throw error
    }
    server.cancel()
    try await server.value
}
