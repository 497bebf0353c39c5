import Hummingbird
import LakeCore
import LakeRuntime

/// `GET /api/v1/status`: queue depths and execution counts (`lake status --json`).
enum StatusEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(method: .get, path: "/api/v1/status", operationId: "getStatus", summary: "Queue depths and executions per status (shared between callers, at most 1 s old)",
                         response: Schema.ref("Status"), errors: []),
        ]
    }

    static let schemas: [(String, JSONDoc)] = [
        ("Status", Schema.object([
            ("queues", Schema.array(Schema.object([
                ("name", Schema.string), ("visible", Schema.integer), ("inFlight", Schema.integer), ("delayed", Schema.integer),
                ("deadLetter", Schema.integer), ("deadLetterQueue", Schema.string),
            ]))),
            ("executions", Schema.map(Schema.integer)),
        ])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/status") { _, _ in try JSONBody.response(try await runtime.status(maxAge: .seconds(1))) }
    }
}
