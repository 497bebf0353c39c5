import Foundation
import LakeCore

/// The OpenAPI 3.1 document of `/api/v1`, built from the endpoints' own ``APIOperation``s and
/// schemas, served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static func build(_ endpoints: [any APIEndpoint.Type] = APIRoutes.all, config: LakeConfig, version: String) -> JSONDoc {
        var paths: [(String, [(String, JSONDoc)])] = []
        for operation in endpoints.flatMap({ $0.operations(config) }) {
            let entry = (operation.method.rawValue.lowercased(), document(operation))
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append(entry)
            } else {
                paths.append((operation.path, [entry]))
            }
        }
        let schemas = endpoints.flatMap { $0.schemas } + [
            ("Error", Schema.object([
                ("error", Schema.object([("code", Schema.string), ("message", Schema.string), ("hint", Schema.nullableString)])),
            ])),
        ]
        return .object([
            ("openapi", "3.1.0"),
            ("info", [
                "title": "SwiftLake API", "version": .string(version),
                "description": "The lake's status, executions, objects, registry, catalog and workload management, and the actions an operator takes. Every response is the read model `lake ... --json` prints.",
            ]),
            ("security", [["bearer": []]]),
            ("paths", .object(paths.map { ($0.0, JSONDoc.object($0.1)) })),
            ("components", [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "LAKE_API_TOKEN, or the lake's state/api-token"]],
                "schemas": .object(schemas),
            ]),
        ])
    }

    private static func document(_ operation: APIOperation) -> JSONDoc {
        var members: [(String, JSONDoc)] = [("operationId", .string(operation.operationId)), ("summary", .string(operation.summary))]
        if !operation.parameters.isEmpty {
            members.append(("parameters", .array(operation.parameters.map { p in
                ["name": .string(p.name), "in": .string(p.location), "required": .bool(p.required), "schema": p.schema, "description": .string(p.description)]
            })))
        }
        if let body = operation.body {
            members.append(("requestBody", ["required": true, "content": ["application/json": ["schema": body]]]))
        }
        var responses: [(String, JSONDoc)] = []
        var ok: [(String, JSONDoc)] = [("description", "OK"), ("content", ["application/json": ["schema": operation.response]])]
        if !operation.responseHeaders.isEmpty {
            ok.append(("headers", .object(operation.responseHeaders.map { ($0.0, ["description": .string($0.1), "schema": Schema.string]) })))
        }
        responses.append(("200", .object(ok)))
        let errorStatuses = Set(operation.errors + [401, 500] + (operation.body == nil ? [] : [400, 403, 413, 415]))
        for status in errorStatuses.sorted() {
            responses.append((String(status), ["description": .string(description(status)), "content": ["application/json": ["schema": Schema.ref("Error")]]]))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    private static func description(_ status: Int) -> String {
        switch status {
        case 400: return "The request does not fit: the error names what"
        case 401: return "No valid token"
        case 403: return "A change without the dashboard's CSRF token, or from another origin"
        case 404: return "Not found; the hint lists what exists"
        case 409: return "Conflicts with the lake's state"
        case 413: return "The body is too large"
        case 415: return "The body is not JSON"
        default: return "The server failed; see its log"
        }
    }
}
