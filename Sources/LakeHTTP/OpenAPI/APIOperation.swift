import HTTPTypes

/// One API operation as the OpenAPI document describes it; each endpoint file declares its own
/// next to the handler, so the document cannot drift from the routes.
struct APIOperation: Sendable {
    /// A query or path parameter.
    struct Parameter: Sendable {
        var name: String
        var location: String
        var required: Bool
        var schema: JSONDoc
        var description: String

        static func query(_ name: String, _ schema: JSONDoc, _ description: String) -> Parameter {
            Parameter(name: name, location: "query", required: false, schema: schema, description: description)
        }
        static func path(_ name: String, _ description: String, schema: JSONDoc = Schema.string) -> Parameter {
            Parameter(name: name, location: "path", required: true, schema: schema, description: description)
        }
    }

    var method: HTTPRequest.Method
    /// The OpenAPI path, e.g. `/api/v1/executions/{id}`.
    var path: String
    var operationId: String
    var summary: String
    var parameters: [Parameter] = []
    /// The JSON request body's schema (actions only).
    var body: JSONDoc?
    /// The 200 answer's schema.
    var response: JSONDoc
    /// Response headers of the 200 answer.
    var responseHeaders: [(String, String)] = []
    /// Error statuses besides 401 and 500, which every operation may answer.
    var errors: [Int] = [400]
}
