import Hummingbird
import LakeCore
import LakeRuntime

/// The registry: `GET /api/v1/pipelines`, `GET /api/v1/datasets`, and
/// `POST /api/v1/pipelines/{team}/{pipeline}/activate|deactivate` (`{"stage": "a"|"b"}` or `{}`).
enum RegistryEndpoint: APIEndpoint {
    static let stageBody: JSONDoc = .object([
        ("type", "object"), ("properties", ["stage": Schema.enumeration(["a", "b"])]), ("additionalProperties", false),
    ])

    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(method: .get, path: "/api/v1/pipelines", operationId: "listPipelines", summary: "Pipeline stages and their status",
                         response: Schema.array(Schema.ref("Pipeline")), errors: []),
            APIOperation(method: .get, path: "/api/v1/datasets", operationId: "listDatasets", summary: "The dataset registry",
                         response: Schema.array(Schema.ref("Dataset")), errors: []),
            APIOperation(
                method: .post, path: "/api/v1/pipelines/{team}/{pipeline}/activate", operationId: "activatePipeline",
                summary: "Make a pipeline's stages (or one) ACTIVE", parameters: [.path("team", "the team"), .path("pipeline", "the pipeline")],
                body: stageBody, response: Schema.array(Schema.ref("Pipeline")), errors: [400, 404]),
            APIOperation(
                method: .post, path: "/api/v1/pipelines/{team}/{pipeline}/deactivate", operationId: "deactivatePipeline",
                summary: "Make a pipeline's stages (or one) INACTIVE: their messages wait",
                parameters: [.path("team", "the team"), .path("pipeline", "the pipeline")],
                body: stageBody, response: Schema.array(Schema.ref("Pipeline")), errors: [400, 404]),
        ]
    }

    static let schemas: [(String, JSONDoc)] = [
        ("Pipeline", Schema.object(
            [
                ("id", Schema.string), ("team", Schema.string), ("pipeline", Schema.string), ("stage", Schema.enumeration(["a", "b"])),
                ("status", Schema.enumeration(["ACTIVE", "INACTIVE"])), ("version", Schema.integer), ("updatedAt", Schema.dateTime),
            ],
            optional: [
                ("lastExecutionId", Schema.string), ("lastExecutionDate", Schema.dateTime),
                ("lastExecutionStatus", Schema.enumeration(ExecutionStatus.allCases.map(\.rawValue))), ("lastExecutionDurationSeconds", Schema.number),
            ])),
        ("Dataset", Schema.object(
            [
                ("id", Schema.string), ("team", Schema.string), ("name", Schema.string), ("pipeline", Schema.string),
                ("stageATransform", Schema.string), ("minItems", Schema.integer), ("maxItems", Schema.integer), ("version", Schema.integer),
                ("updatedAt", Schema.dateTime),
            ],
            optional: [("stageBTransform", Schema.string)])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/pipelines") { _, _ in try JSONBody.response(try await runtime.pipelines()) }
        router.get("/api/v1/datasets") { _, _ in try JSONBody.response(try await runtime.datasets()) }
        for (action, status) in [("activate", PipelineStatus.active), ("deactivate", PipelineStatus.inactive)] {
            router.post("/api/v1/pipelines/:team/:pipeline/\(action)") { request, context in
                let body = try await JSONBody.object(request, context: context, allowed: ["stage"])
                var stage: PipelineStage?
                if let text = try JSONBody.string(body, "stage") {
                    guard let chosen = PipelineStage(rawValue: text) else { throw APIError.badRequest("field 'stage' must be a or b") }
                    stage = chosen
                }
                let changed = try await runtime.setPipelineStatus(
                    status, team: try context.parameters.require("team"), pipeline: try context.parameters.require("pipeline"), stage: stage)
                return try JSONBody.response(changed)
            }
        }
    }
}
