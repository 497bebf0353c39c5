import AsyncHTTPClient
import LakeAMCSimulator
import Testing

@Suite struct ServerTests {
    @Test func unknownRoutesAnswerTheErrorShape() async throws {
        try await withSimulator { amc in
            let reply = try await amc.get("/acme/nothing-here")
            #expect(reply.status == 404)
            #expect(reply.string("code") == "404")
            #expect(reply.headers["content-type"] == "application/json")
        }
    }

    @Test func cancellingTheTaskStopsTheServer() async throws {
        let simulator = try AMCSimulator()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            defer { continuation.finish() }
            try await simulator.run { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        #expect(port > 0)
        let url = "http://127.0.0.1:\(port)/_admin/stats"
        let before = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(before.status.code == 200)
        _ = try await before.body.collect(upTo: 1 << 20)
        server.cancel()
        // run returns once the server has shut down; then nothing listens on the port (the
        // client retries connecting until its deadline, so keep that short).
        try await server.value
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .milliseconds(500))
        }
    }
}
