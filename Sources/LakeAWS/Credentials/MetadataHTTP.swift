import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Plain HTTP calls to the credential endpoints on the host's link-local or loopback network
/// (instance metadata, the container agent): unsigned, small answers, a short timeout each,
/// over the transport's HTTP client.
struct MetadataHTTP: Sendable {
    /// The client (shared with the transport).
    let client: HTTPClient

    /// An answer of any status.
    struct Answer: Sendable {
        var status: Int
        var body: Data
    }

    /// Sends one request; transport failures (refused, timed out) are thrown as they are.
    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], timeout: Duration) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: "user-agent", value: "swiftlake/0.1 (LakeAWS)")
        if method == .PUT { request.body = .bytes(ByteBuffer()) }
        let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanosecondsClamped))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
