import HTTPTypes
import Hummingbird
import LakeCore
import LakeRuntime

/// `GET /api/v1/executions` (filters and paging; the next page's cursor in `X-Next-Cursor` and a
/// `Link` header, the body as `lake executions --json`) and `GET /api/v1/executions/{id}`.
enum ExecutionsEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(
                method: .get, path: "/api/v1/executions", operationId: "listExecutions", summary: "Executions, newest first, a page at a time",
                parameters: [
                    .query("status", Schema.enumeration(ExecutionStatus.allCases.map(\.rawValue)), "only this status"),
                    .query("stage", Schema.enumeration(["a", "b"]), "only this stage"),
                    .query("dataset", ["type": "string", "pattern": "^[a-z0-9]+/[a-z0-9]+$"], "only this dataset, TEAM/DATASET"),
                    .query("since", ["type": "string", "pattern": .string(sincePattern)], "only executions started since: an ISO 8601 time or a duration such as 24h"),
                    .query("limit", ["type": "integer", "minimum": 1, "maximum": 1000], "page size (default 100)"),
                    .query("cursor", ["type": "string", "minLength": 1], "the X-Next-Cursor of the previous page"),
                ],
                response: Schema.array(Schema.ref("Execution")),
                responseHeaders: [("X-Next-Cursor", "the cursor of the next page; absent on the last")]),
            APIOperation(
                method: .get, path: "/api/v1/executions/{id}", operationId: "getExecution", summary: "One execution with its history and error",
                parameters: [.path("id", "the execution id, or a unique prefix of at least 6 characters")],
                response: Schema.ref("Execution"), errors: [400, 404]),
        ]
    }

    /// A duration (`24h`, `1h30m`) or a UTC ISO 8601 time.
    static let sincePattern = #"^(([0-9]{1,6}(ms|s|m|h|d))+|(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,3})?Z)$"#

    static let schemas: [(String, JSONDoc)] = [
        ("HistoryEntry", Schema.object([("status", Schema.string), ("component", Schema.string), ("at", Schema.dateTime)])),
        ("Execution", Schema.object([
            ("id", Schema.string), ("pipeline", Schema.string), ("stage", Schema.enumeration(["a", "b"])), ("team", Schema.string),
            ("dataset", Schema.string), ("status", Schema.enumeration(ExecutionStatus.allCases.map(\.rawValue))),
            ("startedAt", Schema.dateTime), ("endedAt", Schema.nullableDateTime), ("inputKeys", Schema.array(Schema.string)),
            ("outputKeys", Schema.array(Schema.string)), ("history", Schema.array(Schema.ref("HistoryEntry"))),
            ("error", Schema.nullableString), ("errorCode", Schema.nullableString), ("errorHint", Schema.nullableString),
            ("errorComponent", Schema.nullableString), ("attempt", Schema.integer), ("details", Schema.map(Schema.string)),
        ])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/executions") { request, _ in
            let query = QueryParameters(request: request)
            var filter = ExecutionFilter(limit: try query.int("limit", in: 1...1000) ?? 100)
            filter.status = try query.choice("status", ExecutionStatus.self)
            filter.stage = try query.choice("stage", PipelineStage.self)
            filter.dataset = try query.dataset("dataset")
            filter.since = try query.since("since", now: runtime.env.clock.now())
            filter.cursor = query.string("cursor")
            let page = try await runtime.executionPage(filter)
            var headers = HTTPFields()
            if let next = page.nextCursor {
                headers[HTTPField.Name("X-Next-Cursor")!] = next
                var link = "/api/v1/executions?cursor=\(next)&limit=\(filter.limit)"
                for name in ["status", "stage", "dataset", "since"] {
                    if let value = query.string(name) { link += "&\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)" }
                }
                headers[HTTPField.Name("Link")!] = "<\(link)>; rel=\"next\""
            }
            return try JSONBody.response(page.items, headers: headers)
        }
        router.get("/api/v1/executions/:id") { _, context in
            try JSONBody.response(try await runtime.execution(id: try context.parameters.require("id")))
        }
    }
}
