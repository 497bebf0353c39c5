import Hummingbird
import LakeCore
import LakeRuntime

/// `POST /api/v1/redrive`: `{"dataset": "T/D", "stage": "a"|"b", "max": N}` or
/// `{"routing": true, "max": N}` puts dead-lettered work back (`lake redrive`).
enum RedriveEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(
                method: .post, path: "/api/v1/redrive", operationId: "redrive", summary: "Put failed work back on its queue",
                body: ["oneOf": [
                    .object([
                        ("type", "object"), ("required", ["dataset", "stage"]),
                        ("properties", [
                            "dataset": ["type": "string", "pattern": "^[a-z0-9]+/[a-z0-9]+$"], "stage": Schema.enumeration(["a", "b"]),
                            "max": ["type": "integer", "minimum": 1],
                        ]),
                        ("additionalProperties", false),
                    ]),
                    .object([
                        ("type", "object"), ("required", ["routing"]),
                        ("properties", ["routing": ["const": true], "max": ["type": "integer", "minimum": 1]]),
                        ("additionalProperties", false),
                    ]),
                ]],
                response: Schema.ref("RedriveReport"), errors: [400]),
        ]
    }

    static let schemas: [(String, JSONDoc)] = [
        ("RedriveReport", Schema.object([("moved", Schema.integer), ("byTarget", Schema.map(Schema.integer)), ("skipped", Schema.integer)])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.post("/api/v1/redrive") { request, context in
            let body = try await JSONBody.object(request, context: context, allowed: ["dataset", "stage", "routing", "max"])
            let max = try JSONBody.int(body, "max")
            if let max, max < 1 { throw APIError.badRequest("field 'max' must be at least 1") }
            let target: RedriveTarget
            if try JSONBody.bool(body, "routing") == true {
                guard body["dataset"] == nil, body["stage"] == nil else { throw APIError.badRequest("give either routing or dataset with stage") }
                target = .routing
            } else {
                guard let datasetText = try JSONBody.string(body, "dataset"), let stageText = try JSONBody.string(body, "stage") else {
                    throw APIError.badRequest("give dataset and stage, or routing: true", hint: #"e.g. {"dataset": "demoteam/legislators", "stage": "b"}"#)
                }
                guard let stage = PipelineStage(rawValue: stageText) else { throw APIError.badRequest("field 'stage' must be a or b") }
                let dataset: DatasetRef
                do { dataset = try DatasetRef(parsing: datasetText) } catch { throw APIError.badRequest("field 'dataset' must be TEAM/DATASET") }
                target = .stage(dataset, stage)
            }
            return try JSONBody.response(try await runtime.redrive(target, max: max))
        }
    }
}
