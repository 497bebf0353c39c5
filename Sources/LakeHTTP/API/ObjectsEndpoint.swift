import Hummingbird
import LakeCore
import LakeRuntime

/// `GET /api/v1/objects`: the object metadata Octagon keeps (`lake objects --json`).
enum ObjectsEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(
                method: .get, path: "/api/v1/objects", operationId: "listObjects", summary: "Objects recorded in the metadata store",
                parameters: [
                    .query("zone", Schema.enumeration(Zone.allCases.map(\.rawValue)), "only this zone"),
                    .query("dataset", ["type": "string", "pattern": "^[a-z0-9]+/[a-z0-9]+$"], "only this dataset, TEAM/DATASET"),
                    .query("prefix", Schema.string, "only keys starting with this"),
                    .query("limit", ["type": "integer", "minimum": 1, "maximum": 10000], "at most this many (default 1000)"),
                ],
                response: Schema.array(Schema.ref("Object"))),
        ]
    }

    static let schemas: [(String, JSONDoc)] = [
        ("Object", Schema.object(
            [
                ("id", Schema.string), ("zone", Schema.enumeration(Zone.allCases.map(\.rawValue))), ("key", Schema.string),
                ("bucket", Schema.string), ("size", Schema.integer), ("lastModified", Schema.dateTime), ("timestamp", Schema.dateTime),
                ("contentHash", Schema.string),
            ],
            optional: [
                ("team", Schema.string), ("dataset", Schema.string), ("table", Schema.string), ("pipeline", Schema.string),
                ("pipelineStage", Schema.string), ("executionId", Schema.string), ("rows", Schema.integer),
            ])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/objects") { request, _ in
            let query = QueryParameters(request: request)
            var objects = ObjectQuery(limit: try query.int("limit", in: 1...10_000) ?? 1000)
            objects.zone = try query.choice("zone", Zone.self)
            objects.dataset = try query.dataset("dataset")
            objects.keyPrefix = query.string("prefix")
            return try JSONBody.response(try await runtime.objects(objects))
        }
    }
}
