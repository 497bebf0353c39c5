import Hummingbird
import LakeCore
import LakeRuntime

/// Workload management: `GET /api/v1/wlm` (levels, slots, priorities) and
/// `PUT /api/v1/wlm/priorities/{team}/{dataset}/{table}` (`{"level": "HIGH"}`).
enum WLMEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(method: .get, path: "/api/v1/wlm", operationId: "getWLM", summary: "Queue levels, waits, slots and table priorities",
                         response: Schema.ref("WLM"), errors: []),
            APIOperation(
                method: .put, path: "/api/v1/wlm/priorities/{team}/{dataset}/{table}", operationId: "setPriority",
                summary: "Set a table's WLM level",
                parameters: [.path("team", "the team"), .path("dataset", "the dataset"), .path("table", "the table")],
                body: Schema.object([("level", Schema.enumeration(config.wlm.levels))]), response: Schema.ref("TablePriority"), errors: [400]),
        ]
    }

    static let schemas: [(String, JSONDoc)] = [
        ("TablePriority", Schema.object([
            ("id", Schema.string), ("team", Schema.string), ("dataset", Schema.string), ("table", Schema.string), ("level", Schema.string),
            ("source", Schema.enumeration(["config", "cli", "import", "api"])), ("updatedAt", Schema.dateTime),
        ])),
        ("WLM", Schema.object([
            ("status", Schema.object(
                [
                    ("levels", Schema.array(Schema.object(
                        [
                            ("dataset", Schema.string), ("level", Schema.string), ("queue", Schema.string), ("visible", Schema.integer),
                            ("inFlight", Schema.integer), ("startedLastHour", Schema.integer),
                        ],
                        optional: [("oldestAgeSeconds", Schema.number), ("waitP50Seconds", Schema.number), ("waitP99Seconds", Schema.number)]))),
                    ("pipelines", Schema.array(Schema.object([("pipeline", Schema.string), ("running", Schema.integer), ("slots", Schema.integer)]))),
                    ("globalRunning", Schema.integer),
                ],
                optional: [("globalSlots", Schema.integer)])),
            ("priorities", Schema.array(Schema.ref("TablePriority"))),
        ])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/wlm") { _, _ in try JSONBody.response(try await runtime.wlm()) }
        router.put("/api/v1/wlm/priorities/:team/:dataset/:table") { request, context in
            let body = try await JSONBody.object(request, context: context, allowed: ["level"])
            let level = try JSONBody.string(body, "level", required: true) ?? ""
            let row = try await runtime.setPriority(
                team: try context.parameters.require("team"), dataset: try context.parameters.require("dataset"),
                table: try context.parameters.require("table"), level: level, source: .api)
            return try JSONBody.response(row)
        }
    }
}
