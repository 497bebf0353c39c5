import Foundation
import LakeTestSupport
import LakeCore
import LakeEmbedded
import LakeEngine
import Testing

/// A test lake whose stage B writes Parquet (`parquet` transform) and ends with the catalog
/// crawler, plus helpers to read what the catalog and DuckDB say.
struct CatalogLake {
    var lake: TestLake
    static let team = "sales"
    static let dataset = "orders"

    /// One dataset `sales/orders` on a standard pipeline: `json-flatten` then `parquet`.
    init(tables: [TableConfig] = [], policy: SchemaChangePolicy = .fail, maxItems: Int = 100, maxConcurrent: Int = 3, backend: TestBackend = .embedded) async throws {
        lake = try await TestLake(config: LakeConfig(
            environment: "test", org: "acme", app: "lake",
            pipelines: [PipelineConfig(
                name: "main", stageA: StageAConfig(transform: "json-flatten"),
                stageB: StageBConfig(transform: "parquet", trigger: .event, maxItems: maxItems, maxConcurrent: maxConcurrent))],
            teams: [TeamConfig(name: Self.team)],
            datasets: [DatasetConfig(name: Self.dataset, team: Self.team, pipeline: "main", tables: tables, schemaPolicy: policy)]),
            backend: backend)
    }

    var ref: DatasetRef { DatasetRef(team: Self.team, dataset: Self.dataset) }
    var database: String { CatalogNaming(config: lake.config).analyticsDatabase(ref) }
    var catalog: any TableCatalog { lake.catalog }
    var metadata: any MetadataStore { lake.metadata }
    var objects: any ObjectStore { lake.objects }
    var queues: any QueueService { lake.queues }

    /// Lands files into `table` and runs the engine (production wiring: the crawler ends stage B) until idle.
    func run(_ files: [String: String], table: String) async throws {
        try await lake.land(files, team: Self.team, dataset: Self.dataset, table: table)
        try await lake.runUntilIdle()
    }

    /// Stage-B executions, newest first.
    func stageB() async throws -> [ExecutionRecord] {
        try await lake.executions(ExecutionQuery(stage: .b))
    }

    /// What `execution` wrote into `table`, as its crawl is handed it (from the object metadata).
    func written(by execution: ExecutionRecord, table: String) async throws -> [WrittenObject] {
        let prefix = "\(Self.team)/\(Self.dataset)/\(table)/"
        let records = try await metadata.objects(matching: ObjectQuery(zone: .analytics)).filter { $0.executionId == execution.id }
        return try await records.asyncMap { record in
            let info = try #require(try await objects.head(ObjectLocation(.analytics, try ObjectKey(record.key))))
            return WrittenObject(info: info, table: table, name: String(record.key.dropFirst(prefix.count)), rows: record.rows)
        }
    }

    func table(_ name: String) async throws -> CatalogTable? {
        try await catalog.table(database: database, name: name)
    }

    func history(_ name: String) async throws -> [SchemaVersionRecord] {
        try await catalog.schemaVersions(database: database, table: name)
    }

    /// The analytics directory of a table.
    func directory(_ table: String) -> URL {
        lake.zoneDirectory(.analytics).appendingPathComponent("\(Self.team)/\(Self.dataset)/\(table)")
    }

    func remove() { lake.remove() }
}

/// Runs DuckDB (through python3) and returns stdout.
enum DuckDB {
    static func run(_ script: String, _ args: [String]) throws -> String { try Subprocess.python(script, args) }

    /// `count(*)` per Hive partition of a table directory, keyed `k=v/k2=v2` (DuckDB's own
    /// reading of the files with hive_partitioning), and the total under `""`.
    static func partitionCounts(_ directory: URL, keys: [String]) throws -> [String: Int64] {
        let script = """
            import duckdb, sys, json
            base, keys = sys.argv[1], json.loads(sys.argv[2])
            rel = f"read_parquet('{base}/**/*.parquet', hive_partitioning=true, hive_types_autocast=false)"
            out = {"": duckdb.sql(f"select count(*) from {rel}").fetchall()[0][0]}
            if keys:
                cols = ", ".join(f'"{k}"' for k in keys)
                for row in duckdb.sql(f"select {cols}, count(*) from {rel} group by all").fetchall():
                    out["/".join(f"{k}={v}" for k, v in zip(keys, row[:-1]))] = row[-1]
            print(json.dumps(out))
            """
        let keysJSON = String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
        let text = try run(script, [directory.path, keysJSON])
        return try JSONDecoder().decode([String: Int64].self, from: Data(text.utf8))
    }
}
