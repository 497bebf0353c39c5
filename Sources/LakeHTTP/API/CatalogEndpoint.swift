import Hummingbird
import LakeCore
import LakeRuntime

/// The table catalog: `GET /api/v1/catalog/databases`, `GET /api/v1/catalog/tables[?database=]`
/// and `GET /api/v1/catalog/tables/{db}.{table}` (columns, partitions, schema history, DDL).
enum CatalogEndpoint: APIEndpoint {
    static func operations(_ config: LakeConfig) -> [APIOperation] {
        [
            APIOperation(method: .get, path: "/api/v1/catalog/databases", operationId: "listDatabases", summary: "The catalog's databases",
                         response: Schema.array(Schema.ref("CatalogDatabase")), errors: []),
            APIOperation(
                method: .get, path: "/api/v1/catalog/tables", operationId: "listTables", summary: "Tables in brief, of one database or all",
                parameters: [.query("database", Schema.string, "only this database")],
                response: Schema.array(Schema.ref("CatalogTableSummary")), errors: [404]),
            APIOperation(
                method: .get, path: "/api/v1/catalog/tables/{table}", operationId: "getTable",
                summary: "One table: columns, partitions, schema history and DDL",
                parameters: [.path("table", "DATABASE.TABLE", schema: ["type": "string", "pattern": "^[a-z0-9_]+\\.[A-Za-z0-9_]+$"])],
                response: Schema.ref("CatalogTableDetail"), errors: [400, 404]),
        ]
    }

    static let column = Schema.object(
        [("name", Schema.string), ("type", Schema.string), ("nullable", Schema.boolean)],
        optional: [("parquetType", Schema.string), ("comment", Schema.string)])

    static let schemas: [(String, JSONDoc)] = [
        ("CatalogColumn", column),
        ("CatalogDatabase", Schema.object(
            [("name", Schema.string), ("zone", Schema.enumeration(["analytics", "raw"])), ("createdAt", Schema.dateTime), ("tables", Schema.integer)],
            optional: [("description", Schema.string)])),
        ("CatalogTableSummary", Schema.object([
            ("database", Schema.string), ("name", Schema.string), ("format", Schema.string), ("location", Schema.string),
            ("schemaVersion", Schema.integer), ("columns", Schema.integer), ("partitionKeys", Schema.array(Schema.string)),
            ("recordCount", Schema.nullableInteger), ("sizeBytes", Schema.nullableInteger), ("numFiles", Schema.nullableInteger),
            ("updatedAt", Schema.dateTime),
        ])),
        ("CatalogTable", Schema.object([
            ("database", Schema.string), ("name", Schema.string), ("format", Schema.string), ("classification", Schema.string),
            ("location", Schema.string), ("schemaVersion", Schema.integer), ("columns", Schema.array(Schema.ref("CatalogColumn"))),
            ("partitionKeys", Schema.array(Schema.ref("CatalogColumn"))), ("parameters", Schema.map(Schema.string)),
            ("partitions", Schema.integer), ("createdAt", Schema.dateTime), ("updatedAt", Schema.dateTime),
        ])),
        ("CatalogPartition", Schema.object([
            ("values", Schema.array(Schema.string)), ("name", Schema.string), ("location", Schema.string), ("fileCount", Schema.integer),
            ("rowCount", Schema.integer), ("sizeBytes", Schema.integer), ("createdAt", Schema.dateTime), ("updatedAt", Schema.dateTime),
        ])),
        ("CatalogSchemaVersion", Schema.object([
            ("version", Schema.integer), ("createdAt", Schema.dateTime), ("change", Schema.string), ("columns", Schema.array(Schema.ref("CatalogColumn"))),
        ])),
        ("CatalogTableDetail", Schema.object([
            ("table", Schema.ref("CatalogTable")), ("partitions", Schema.array(Schema.ref("CatalogPartition"))),
            ("history", Schema.array(Schema.ref("CatalogSchemaVersion"))), ("ddl", Schema.string),
        ])),
    ]

    static func register(on router: Router<LakeRequestContext>, runtime: LakeRuntime) {
        router.get("/api/v1/catalog/databases") { _, _ in try JSONBody.response(try await runtime.catalogDatabases()) }
        router.get("/api/v1/catalog/tables") { request, _ in
            try JSONBody.response(try await runtime.catalogTables(database: QueryParameters(request: request).string("database")))
        }
        router.get("/api/v1/catalog/tables/:table") { _, context in
            try JSONBody.response(try await runtime.catalogTableDetail(try context.parameters.require("table")))
        }
    }
}
