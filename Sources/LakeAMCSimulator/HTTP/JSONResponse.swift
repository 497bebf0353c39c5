import Foundation
import Hummingbird

/// JSON in and out: responses with compact, key-sorted bodies, and request bodies read as one
/// JSON object (an empty body is `{}`; anything else a 400).
enum JSONResponse {
    /// `value` as an `application/json` response.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONValue.encoded(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The empty object `{}` the API answers changes with.
    static var empty: Response { make(JSONValue.object([:])) }

    /// The request's body as a JSON object.
    static func object(_ request: Request, context: AMCSimulatorContext) async throws -> [String: JSONValue] {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw AMCAPIError.badRequest("The request body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw AMCAPIError.badRequest("The request body must be a JSON object.") }
        return object
    }
}
