import Foundation
import LakeTestSupport
import Testing

/// Nested JSON through the pipeline: `json-flatten` and `parquet` with `nested: keep` write
/// struct, list and map columns that pyarrow and DuckDB read back equal to the landed records;
/// the catalog and the Athena DDL show the nested Hive types, and a struct that gains a field in
/// a later batch widens the table.
@Suite(.blocking) struct NestedPipelineCLITests {
    static let config = """
    environment: dev
    org: acme
    app: lake
    storage: {backend: embedded, path: .lake}
    teams: {shop: {}}
    pipelines:
      nested:
        stage_a: {transform: json-flatten, options: {nested: keep}}
        stage_b: {transform: parquet, trigger: event, max_items: 4, max_concurrent: 1, options: {nested: keep}}
    datasets:
      carts:
        team: shop
        pipeline: nested
    """

    static func record(_ i: Int, late: Bool) -> String {
        let items = (0..<(i % 3)).map { #"{"sku":"s\#($0)","qty":\#($0 + 1),"tags":["t\#($0)"]}"# }.joined(separator: ",")
        let user = late ? #"{"name":"u\#(i)","age":\#(20 + i % 9)}"# : #"{"name":"u\#(i)"}"#
        return #"{"id":\#(i),"user":\#(user),"items":[\#(items)],"attrs":{"k\#(i % 2)":"v"},"note":null}"#
    }

    @Test func nestedRecordsReachAnalyticsIntact() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config)
        for f in 0..<6 {
            let lines = (0..<5).map { Self.record(f * 5 + $0, late: f >= 3) }
            try dir.write("in/c\(f).jsonl", lines.joined(separator: "\n") + "\n")
        }
        let ingest = try LakeBinary.run(["ingest", "in", "--team", "shop", "--dataset", "carts", "--table", "carts"], in: dir.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LakeFormatsTests/Interop").path
        let analytics = dir.url.appendingPathComponent(".lake/analytics/shop/carts").path
        let out = try Python.run("""
        import glob, json, sys
        sys.path.insert(0, sys.argv[1])
        import duckdb, pyarrow.parquet as pq
        from nested_json_check import normalise
        records = {}
        for path in glob.glob(sys.argv[3] + "/*.jsonl"):
            for line in open(path):
                r = json.loads(line)
                records[r["id"]] = r
        files = sorted(glob.glob(sys.argv[2] + "/**/*.parquet", recursive=True))
        problems, seen = [], {}
        for engine in ["pyarrow", "duckdb"]:
            seen[engine] = 0
            for path in files:
                t = pq.read_table(path) if engine == "pyarrow" else duckdb.sql(f"select * from read_parquet('{path}')").to_arrow_table()
                for row in t.to_pylist():
                    seen[engine] += 1
                    for f in t.schema:
                        exp, act = normalise(records[row["id"]].get(f.name), row.get(f.name), f.type)
                        if exp != act:
                            problems.append(f"{engine} {path} id {row['id']} {f.name}: {exp!r} vs {act!r}")
        print(json.dumps({"files": len(files), "seen": seen, "problems": problems[:10]}))
        """, [script, analytics, dir.url.appendingPathComponent("in").path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "\(out)")
        #expect((result["problems"] as? [String])?.isEmpty == true, "\(out)")
        #expect((result["seen"] as? [String: Int]) == ["pyarrow": 30, "duckdb": 30], "\(out)")

        let tables = try LakeBinary.run(["catalog", "tables", "--json"], in: dir.url)
        let table = try #require((tables.json as? [[String: Any]])?.first { $0["name"] as? String == "carts" }, "\(tables.stdout)")
        let name = "\(table["database"] as? String ?? "").carts"
        let shown = try #require(try LakeBinary.run(["catalog", "table", name, "--json"], in: dir.url).json as? [String: Any])
        let columns = try #require(shown["columns"] as? [[String: Any]])
        let types = Dictionary(uniqueKeysWithValues: columns.compactMap { c in (c["name"] as? String).map { ($0, c["type"] as? String ?? "") } })
        #expect(types["user"] == "struct<name:string,age:int>", "a struct that gains a field widens: \(types)")
        #expect(types["items"] == "array<struct<sku:string,qty:int,tags:array<string>>>")
        #expect(types["attrs"] == "struct<k0:string,k1:string>" || types["attrs"]?.hasPrefix("struct<") == true, "\(types)")
        let ddl = try LakeBinary.run(["catalog", "ddl", name], in: dir.url)
        #expect(ddl.stdout.contains("`items` array<struct<sku:string,qty:int,tags:array<string>>>"), "\(ddl.stdout)")
    }
}
