import Foundation
import HTTPTypes
import Hummingbird
import LakeCore
import NIOCore

/// An error as the API answers it: an HTTP status and `{"error":{"code","message","hint"}}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var hint: String?

    init(_ status: HTTPResponse.Status, code: String, _ message: String, hint: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
    }

    static func badRequest(_ message: String, hint: String? = nil) -> APIError { APIError(.badRequest, code: "bad-request", message, hint: hint) }
    static func notFound(_ message: String, hint: String? = nil) -> APIError { APIError(.notFound, code: "not-found", message, hint: hint) }
    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", "this route needs the API token",
        hint: "send `Authorization: Bearer <token>` (LAKE_API_TOKEN, or the lake's state/api-token file)")

    /// The API's answer to any error a handler threw: a ``LakeError`` keeps its code, message and
    /// hint with the status its code means; anything else is a 500 that says no more than that.
    init(_ error: any Error) {
        switch error {
        case let api as APIError:
            self = api
        case let lake as LakeError:
            self.init(Self.status(for: lake.code), code: lake.code.rawValue, lake.message, hint: lake.hint)
        case is NIOTooManyBytesError:
            self.init(.contentTooLarge, code: "too-large", "the body is larger than the server takes", hint: "send at most 64 KiB")
        case let http as HTTPError:
            let status = http.status
            self.init(status, code: status.code == 413 ? "too-large" : "http-\(status.code)", http.body ?? status.reasonPhrase)
        default:
            self.init(.internalServerError, code: LakeError.Code.internal.rawValue, "the server could not answer this request",
                      hint: "see the server's log")
        }
    }

    /// The status a ``LakeError`` code answers with.
    static func status(for code: LakeError.Code) -> HTTPResponse.Status {
        switch code {
        case .usage, .invalidConfig, .invalidKey, .invalidName: return .badRequest
        case .notFound: return .notFound
        case .conflict, .alreadyExists: return .conflict
        default: return .internalServerError
        }
    }

    /// The JSON response.
    func response() -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var hint: String?
                func encode(to encoder: any Encoder) throws {
                    var c = encoder.container(keyedBy: CodingKeys.self)
                    try c.encode(code, forKey: .code)
                    try c.encode(message, forKey: .message)
                    try c.encode(hint, forKey: .hint)
                }
                enum CodingKeys: String, CodingKey { case code, message, hint }
            }
            var error: Detail
        }
        var response = (try? JSONBody.response(Body(error: .init(code: code, message: message, hint: hint)), status: status))
            ?? Response(status: .internalServerError)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"swiftlake\"" }
        return response
    }
}
