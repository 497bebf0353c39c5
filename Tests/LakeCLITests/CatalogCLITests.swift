import Foundation
import LakeTestSupport
import Testing

/// `lake catalog` and `lake partitions sync` on temporary lakes: JSON shapes, text output,
/// exit codes, DuckDB's counts against the catalog's, and the partition job inside `lake run`.
@Suite(.serialized, .blocking) struct CatalogCLITests {
    static let database = "acme_lake_dev_sales_orders_db"
    static let rawDatabase = "acme_lake_dev_sales_orders_raw_db"

    static func config(extra: String = "") -> String {
        """
        environment: dev
        org: acme
        app: lake
        storage: {backend: embedded, path: .lake}
        teams: {sales: {}}
        pipelines:
          main:
            stage_a: {transform: json-flatten}
            stage_b: {transform: parquet, trigger: event, max_items: 5, max_concurrent: 2}
        datasets:
          orders:
            team: sales
            pipeline: main
            tables:
              orders: {partition_by: [region]}
              events: {raw: {format: json, partitions: "dt={yyyy-MM-dd}"}}
              clicks: {raw: {format: csv, partitions: "year={yyyy}/month={MM}/day={dd}"}}
        \(extra)
        """
    }

    /// Lands 12 files of orders across three regions and runs the lake until idle.
    static func lakeWithOrders() throws -> TempDir {
        let dir = try TempDir()
        try dir.write("lake.yaml", config())
        let regions = ["eu", "us", "latam"]
        for i in 0..<12 {
            let lines = (0..<(3 + i % 4)).map { j in #"{"id":\#(i * 10 + j),"region":"\#(regions[(i + j) % 3])","amount":\#(j).5}"# }
            try dir.write("in/o\(i).jsonl", lines.joined(separator: "\n") + "\n")
        }
        let ingest = try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "orders"], in: dir.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")
        return dir
    }

    @Test func everyCatalogCommandAfterAPipelineRun() throws {
        let dir = try Self.lakeWithOrders()
        let table = "\(Self.database).orders"

        let databases = try #require(try LakeBinary.run(["catalog", "databases", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(databases.count == 1)
        #expect(databases.first?["name"] as? String == Self.database)
        #expect(databases.first?["zone"] as? String == "analytics")
        #expect(databases.first?["tables"] as? Int == 1)
        #expect(databases.first?["createdAt"] is String)

        for args in [["catalog", "tables", "--json"], ["catalog", "tables", Self.database, "--json"]] {
            let tables = try #require(try LakeBinary.run(args, in: dir.url).json as? [[String: Any]])
            #expect(tables.count == 1)
            let summary = try #require(tables.first)
            for key in ["database", "name", "format", "location", "schemaVersion", "columns", "partitionKeys", "recordCount", "sizeBytes", "numFiles", "updatedAt"] {
                #expect(summary.keys.contains(key), "tables --json has \(key)")
            }
            #expect(summary["recordCount"] as? Int == 54)
            #expect(summary["partitionKeys"] as? [String] == ["region"])
        }

        let shown = try #require(try LakeBinary.run(["catalog", "table", table, "--json"], in: dir.url).json as? [String: Any])
        let columns = try #require(shown["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["id", "amount"])
        #expect(columns.map { $0["type"] as? String } == ["int", "double"])
        #expect(columns.allSatisfy { $0["nullable"] is Bool && $0["parquetType"] is String })
        #expect((shown["partitionKeys"] as? [[String: Any]])?.map { $0["name"] as? String } == ["region"])
        #expect(shown["partitions"] as? Int == 3)
        #expect(shown["format"] as? String == "parquet")
        #expect((shown["parameters"] as? [String: String])?["recordCount"] == "54")
        #expect((shown["location"] as? String)?.hasPrefix("file://") == true)

        let partitions = try #require(try LakeBinary.run(["catalog", "partitions", table, "--json"], in: dir.url).json as? [[String: Any]])
        #expect(partitions.count == 3)
        for p in partitions {
            for key in ["values", "name", "location", "fileCount", "rowCount", "sizeBytes", "createdAt", "updatedAt"] { #expect(p.keys.contains(key)) }
        }
        // DuckDB's own count per region over the analytics files equals the catalog's.
        let analytics = dir.url.appendingPathComponent(".lake/analytics/sales/orders/orders").path
        let counted = try Python.run("""
            import duckdb, sys, json
            rows = duckdb.sql(f"select region, count(*) from read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning=true) group by all").fetchall()
            print(json.dumps({r: n for r, n in rows}))
            """, [analytics])
        let duck = try #require(try JSONSerialization.jsonObject(with: Data(counted.utf8)) as? [String: Int])
        var catalog: [String: Int] = [:]
        for p in partitions { catalog[(p["values"] as? [String])?.first ?? "?"] = p["rowCount"] as? Int }
        #expect(catalog == duck)

        let history = try #require(try LakeBinary.run(["catalog", "history", table, "--json"], in: dir.url).json as? [[String: Any]])
        #expect(history.map { $0["version"] as? Int } == [1])
        #expect(history.first?["change"] as? String == "created with 2 column(s)")
        #expect(history.first?["columns"] is [[String: Any]])
        #expect(history.first?["createdAt"] is String)

        let ddl = try LakeBinary.run(["catalog", "ddl", table], in: dir.url)
        #expect(ddl.status == 0)
        #expect(ddl.stdout.contains("CREATE EXTERNAL TABLE IF NOT EXISTS `\(Self.database)`.`orders` (\n  `id` int,\n  `amount` double\n)"))
        #expect(ddl.stdout.contains("PARTITIONED BY (\n  `region` string\n)\nSTORED AS PARQUET\nLOCATION 'file://"))
        #expect(ddl.stdout.hasPrefix("-- Location on the embedded backend"))
        let ddlJSON = try #require(try LakeBinary.run(["catalog", "ddl", table, "--json"], in: dir.url).json as? [String: String])
        #expect(ddlJSON["ddl"] == ddl.stdout)
        #expect(ddlJSON["database"] == Self.database)
        #expect(ddlJSON["table"] == "orders")

        // Text output for people.
        for args in [["catalog", "databases"], ["catalog", "tables"], ["catalog", "table", table], ["catalog", "partitions", table], ["catalog", "history", table]] {
            let text = try LakeBinary.run(args, in: dir.url)
            #expect(text.status == 0, "\(args): \(text.stderr)")
            #expect(text.stdout.contains("orders") || text.stdout.contains("region=") || text.stdout.contains("created"), "\(args): \(text.stdout)")
        }
        #expect(try LakeBinary.run(["catalog", "partitions", table], in: dir.url).stdout.contains("region=eu"))
    }

    @Test func unknownNamesAreErrorsThatListWhatExists() throws {
        let dir = try Self.lakeWithOrders()
        let noDatabase = try LakeBinary.run(["catalog", "table", "nodb.orders"], in: dir.url)
        #expect(noDatabase.status == 1)
        #expect(noDatabase.stderr.contains("error[not-found]: no catalog database 'nodb'"))
        #expect(noDatabase.stderr.contains("hint: databases: \(Self.database)"))
        let noTable = try LakeBinary.run(["catalog", "partitions", "\(Self.database).nope", "--json"], in: dir.url)
        #expect(noTable.status == 1)
        #expect(noTable.stderr.contains("hint: tables: orders"))
        #expect(try LakeBinary.run(["catalog", "tables", "nodb"], in: dir.url).status == 1)
        #expect(try LakeBinary.run(["catalog", "history", "nodot"], in: dir.url).status == 2)
        #expect(try LakeBinary.run(["catalog", "ddl", ".x"], in: dir.url).status == 2)
        #expect(try LakeBinary.run(["catalog", "frobnicate"], in: dir.url).status == 2)
        // A lake that does not exist yet: read commands say so in one line and create nothing.
        let empty = try TempDir()
        try empty.write("lake.yaml", Self.config())
        let none = try LakeBinary.run(["catalog", "databases", "--json"], in: empty.url)
        #expect(none.status == 1)
        #expect(none.stderr.contains("no lake at") && none.stderr.split(separator: "\n").count == 1, "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: empty.url.appendingPathComponent(".lake").path))
        // Once it exists, an empty catalog is explained.
        #expect(try LakeBinary.run(["process", "--until-idle"], in: empty.url).status == 0)
        let nothing = try LakeBinary.run(["catalog", "table", "x.y"], in: empty.url)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("the catalog is empty"))
        #expect(try LakeBinary.run(["catalog", "databases", "--json"], in: empty.url).json as? [Any] != nil)
    }

    /// A raw tree laid out by hand: events by day with gaps and malformed names, clicks by year/month/day.
    static func layRawTree(_ dir: TempDir) throws {
        for day in [10, 11, 12, 14, 15] {
            try dir.write(".lake/raw/sales/orders/events/dt=2026-11-\(day)/e\(day).json", #"{"id":\#(day),"kind":"view"}"# + "\n")
        }
        try dir.write(".lake/raw/sales/orders/events/dt=notadate/x.json", "{}\n")
        try dir.write(".lake/raw/sales/orders/events/foo/x.json", "{}\n")
        try dir.write(".lake/raw/sales/orders/clicks/year=2026/month=11/day=01/c1.csv", "id,page\n1,home\n")
        try dir.write(".lake/raw/sales/orders/clicks/year=2026/month=13/day=01/c2.csv", "id,page\n1,home\n")
    }

    @Test func partitionsSyncRegistersHandLaidDirectoriesOnce() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config())
        try Self.layRawTree(dir)
        let first = try LakeBinary.run(["partitions", "sync", "--json"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(first.json as? [String: Any])
        for key in ["dryRun", "window", "expectedWindow", "tables", "elapsedSeconds", "added", "skipped", "malformed", "writeCalls", "failed"] {
            #expect(report.keys.contains(key), "partitions sync --json has \(key)")
        }
        #expect(report["added"] as? Int == 6)
        #expect(report["malformed"] as? Int == 3)
        let tables = try #require(report["tables"] as? [[String: Any]])
        #expect(tables.map { $0["table"] as? String } == ["clicks", "events"])
        let events = try #require(tables.last)
        for key in ["database", "table", "dataset", "layout", "format", "keys", "createdTable", "added", "skipped", "malformed", "missing", "writeCalls", "listings"] {
            #expect(events.keys.contains(key), "a table report has \(key)")
        }
        #expect(events["database"] as? String == Self.rawDatabase)
        #expect(events["added"] as? [String] == ["dt=2026-11-10/", "dt=2026-11-11/", "dt=2026-11-12/", "dt=2026-11-14/", "dt=2026-11-15/"])
        #expect((events["malformed"] as? [[String: String]])?.compactMap { $0["path"] }.sorted() == ["dt=notadate/", "foo/"])
        #expect((tables.first?["malformed"] as? [[String: String]])?.first?["reason"] == "month 13 is not 1-12")

        let second = try #require(try LakeBinary.run(["partitions", "sync", "--json"], in: dir.url).json as? [String: Any])
        #expect(second["added"] as? Int == 0)
        #expect(second["writeCalls"] as? Int == 0)
        #expect(second["skipped"] as? Int == 6)
        let listed = try #require(try LakeBinary.run(["catalog", "partitions", "\(Self.rawDatabase).events", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(listed.count == 5)
        let ddl = try LakeBinary.run(["catalog", "ddl", "\(Self.rawDatabase).events"], in: dir.url).stdout
        #expect(ddl.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\nSTORED AS TEXTFILE"))

        // A dry run shows a new day without registering it; text output names it.
        try dir.write(".lake/raw/sales/orders/events/dt=2026-11-16/e16.json", #"{"id":16}"# + "\n")
        let dry = try LakeBinary.run(["partitions", "sync", "--dry-run", "--table", "events"], in: dir.url)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("\(Self.rawDatabase).events [dt={yyyy-MM-dd}]: would add 1, already registered 5, malformed 2"))
        #expect(dry.stdout.contains("  + dt=2026-11-16/"))
        #expect(dry.stdout.contains("  ! dt=notadate/: expected dt={yyyy-MM-dd}") == false)
        #expect(dry.stdout.contains("  ! dt=notadate/: 'notadate' does not match dt={yyyy-MM-dd}"))
        #expect((try LakeBinary.run(["catalog", "partitions", "\(Self.rawDatabase).events", "--json"], in: dir.url).json as? [Any])?.count == 5)
        let windowed = try #require(try LakeBinary.run(
            ["partitions", "sync", "--from", "2026-11-16", "--to", "2026-11-16", "--database", Self.rawDatabase, "--json"], in: dir.url).json as? [String: Any])
        #expect(windowed["added"] as? Int == 1)
        #expect((windowed["window"] as? [String: String])?["from"] == "2026-11-16")

        // Usage errors exit 2; an unknown table exits 1 with the raw tables listed.
        #expect(try LakeBinary.run(["partitions", "sync", "--from", "2026-13-01"], in: dir.url).status == 2)
        #expect(try LakeBinary.run(["partitions", "sync", "--from", "2026-11-20", "--to", "2026-11-10"], in: dir.url).status == 2)
        let unknown = try LakeBinary.run(["partitions", "sync", "--table", "nope"], in: dir.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("raw tables: \(Self.rawDatabase).clicks, \(Self.rawDatabase).events"))
    }

    /// Several commands starting together on a new lake: every process creates and opens the new
    /// SQLite files at once (SQLite may refuse the switch to WAL with SQLITE_BUSY; it is retried).
    @Test func commandsStartingTogetherOnANewLakeAllSucceed() throws {
        for _ in 0..<3 {
            let dir = try TempDir()
            try dir.write("lake.yaml", Self.config())
            let processes = try (0..<10).map { _ in try LakeBinary.start(["process", "--until-idle", "--json"], in: dir.url) }
            for running in processes {
                running.process.waitUntilExit()
                #expect(running.process.terminationStatus == 0, "\(running.result().stderr)")
            }
        }
    }

    @Test func lakeRunSyncsPartitionsOnItsInterval() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", Self.config(extra: "catalog:\n  partition_sync: {interval: 1s}\n"))
        try Self.layRawTree(dir)
        let daemon = try LakeBinary.start(["run", "--no-watch"], in: dir.url)
        defer {
            if daemon.process.isRunning {
                daemon.process.terminate()
                daemon.process.waitUntilExit()
            }
        }
        func registered() throws -> Int {
            (try LakeBinary.run(["catalog", "partitions", "\(Self.rawDatabase).events", "--json"], in: dir.url).json as? [Any])?.count ?? 0
        }
        func waitFor(_ count: Int) throws -> Bool {
            for _ in 0..<300 {
                if try registered() == count { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        // The first run discovers the whole history.
        #expect(try waitFor(5))
        // Later runs look at the window around today: a partition for today appears.
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(secondsFromGMT: 0) ?? .current, formatOptions: [.withFullDate])
        try dir.write(".lake/raw/sales/orders/events/dt=\(today)/t.json", #"{"id":99}"# + "\n")
        #expect(try waitFor(6))
        daemon.process.terminate()
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0, "\(daemon.result().stderr)")
    }
}
