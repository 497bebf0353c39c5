import Foundation
import Hummingbird

/// An error as the AMC API answers it: a status and `{"code":"<status>","details":"…"}`, with
/// `message` where the reference has one, and any headers (`Retry-After`, `WWW-Authenticate`).
struct AMCAPIError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var details: String
    var message: String?
    var headers: HTTPFields = [:]

    static func badRequest(_ details: String) -> AMCAPIError { AMCAPIError(status: .badRequest, details: details) }
    static func notFound(_ details: String) -> AMCAPIError { AMCAPIError(status: .notFound, details: details) }
    static func workflowNotFound(_ id: String) -> AMCAPIError { .notFound("Workflow with ID \(id) not found.") }
    static func executionNotFound(_ id: String) -> AMCAPIError { .notFound("Workflow execution with ID \(id) not found.") }

    /// The reference's answer to a duplicate `POST /workflows` (clients match `message`).
    static func duplicateWorkflow(_ id: String) -> AMCAPIError {
        let text = "Workflow with ID \(id) already exists."
        return AMCAPIError(status: .badRequest, details: text, message: text)
    }

    static let unauthorized = AMCAPIError(
        status: .unauthorized, details: "Unauthorized: send Authorization: Bearer <token>", message: "Unauthorized",
        headers: [.wwwAuthenticate: "Bearer"])

    static func tooManyRequests(retryAfter: Int?) -> AMCAPIError {
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return AMCAPIError(status: .tooManyRequests, details: "Too Many Requests", message: "Too Many Requests", headers: headers)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    /// The JSON response.
    func response() -> Response {
        var body: [String: JSONValue] = ["code": .string(String(status.code)), "details": .string(details)]
        if let message { body["message"] = .string(message) }
        var response = JSONResponse.make(JSONValue.object(body), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
