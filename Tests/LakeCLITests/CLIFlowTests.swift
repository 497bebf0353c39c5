import Foundation
import LakeTestSupport
import Testing

@Suite(.serialized, .blocking) struct CLIFlowTests {
    @Test func twoTeamsThreeDatasetsTwoHundredFilesDrain() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        let datasets = [("sales", "orders"), ("sales", "refunds"), ("ops", "metrics")]
        for i in 0..<200 {
            let (team, dataset) = datasets[i % 3]
            try dir.write("in/\(team)-\(dataset)/f\(i).jsonl", #"{"id":\#(i),"v":"x\#(i)","nested":{"a":1}}"# + "\n")
        }
        for (team, dataset) in datasets {
            let r = try LakeBinary.run(["ingest", "in/\(team)-\(dataset)", "--team", team, "--dataset", dataset, "--table", "events"], in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")

        let executions = try LakeBinary.run(["executions", "--json", "--limit", "1000"], in: dir.url)
        #expect(executions.status == 0)
        let rows = try #require(executions.json as? [[String: Any]])
        #expect(rows.filter { $0["stage"] as? String == "a" }.count == 200)
        #expect(rows.allSatisfy { $0["status"] as? String == "COMPLETED" })
        let first = try #require(rows.first)
        for key in ["id", "pipeline", "stage", "team", "dataset", "status", "startedAt", "endedAt", "inputKeys", "outputKeys", "history", "error"] {
            #expect(first.keys.contains(key), "executions --json has \(key)")
        }
        let history = try #require(first["history"] as? [[String: Any]])
        #expect(history.allSatisfy { $0["status"] != nil && $0["component"] != nil && $0["at"] != nil })
        #expect((first["startedAt"] as? String)?.hasSuffix("Z") == true)

        let status = try LakeBinary.run(["status", "--json"], in: dir.url)
        let doc = try #require(status.json as? [String: Any])
        let queues = try #require(doc["queues"] as? [[String: Any]])
        #expect(!queues.isEmpty)
        for queue in queues {
            #expect(queue["visible"] as? Int == 0, "\(queue)")
            #expect(queue["inFlight"] as? Int == 0, "\(queue)")
            #expect(queue["deadLetter"] as? Int == 0, "\(queue)")
            #expect(queue["name"] is String)
        }
        let counts = try #require(doc["executions"] as? [String: Int])
        #expect(counts["FAILED"] == 0)
        #expect(counts["RUNNING"] == 0)

        let objects = try LakeBinary.run(["objects", "--zone", "analytics", "--json"], in: dir.url)
        let analytics = try #require(objects.json as? [[String: Any]])
        #expect(!analytics.isEmpty)
        var lines = 0
        for object in analytics {
            let key = try #require(object["key"] as? String)
            lines += try String(contentsOf: dir.url.appendingPathComponent(".lake/analytics/\(key)"), encoding: .utf8).split(separator: "\n").count
        }
        #expect(lines == 200)
    }

    @Test func badKeyAndBadConfigGiveClearErrors() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        try dir.write("f.json", "{}")
        let badKey = try LakeBinary.run(["ingest", "f.json", "--team", "sales", "--dataset", "orders", "--table", "../etc"], in: dir.url)
        #expect(badKey.status == 2)
        #expect(badKey.stderr.contains("../etc"))

        try dir.write("bad.yaml", twoTeamsConfig.replacingOccurrences(of: "pipeline: main}\n  metrics", with: "pipeline: mian}\n  metrics") + "bogus_key: 1\n")
        let badConfig = try LakeBinary.run(["config", "validate", "--config", "bad.yaml"], in: dir.url)
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains("mian"))
        #expect(badConfig.stderr.contains("bogus_key"))
        let viaStatus = try LakeBinary.run(["status", "--config", "bad.yaml"], in: dir.url)
        #expect(viaStatus.status == 2)

        let empty = try TempDir()
        let missing = try LakeBinary.run(["status"], in: empty.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("lake init"))

        let usage = try LakeBinary.run(["executions", "--status", "NOPE"], in: dir.url)
        #expect(usage.status == 2)
        let unknown = try LakeBinary.run(["frobnicate"], in: dir.url)
        #expect(unknown.status == 2)
    }

    @Test func killedWorkerLosesNothingAndDuplicatesNothing() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        for i in 0..<500 { try dir.write("in/f\(i).jsonl", #"{"id":\#(i)}"# + "\n") }
        let ingest = try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "events"], in: dir.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // Start the daemon, let it work for a moment, kill -9 it mid-way.
        let daemon = try LakeBinary.start(["run"], in: dir.url)
        var waited = 0.0
        while waited < 60 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
            let count = (try? FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent(".lake/stage/sales/orders/events").path).count) ?? 0
            if count >= 50 { break }
        }
        kill(daemon.process.processIdentifier, SIGKILL)
        daemon.process.waitUntilExit()
        #expect(daemon.process.termination == .signal(SIGKILL))
        // Restart and drain.
        let processed = try LakeBinary.run(["process", "--until-idle", "--timeout", "4m"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")
        var ids: [Int] = []
        let analytics = dir.url.appendingPathComponent(".lake/analytics/sales/orders/events")
        for file in try FileManager.default.contentsOfDirectory(atPath: analytics.path) {
            for line in try String(contentsOf: analytics.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                ids.append(try #require(object["id"] as? Int))
            }
        }
        #expect(ids.count == 500, "nothing lost, nothing duplicated")
        #expect(Set(ids).count == 500)
        let executions = try LakeBinary.run(["executions", "--json", "--stage", "a", "--limit", "10000"], in: dir.url)
        let rows = try #require(executions.json as? [[String: Any]])
        #expect(rows.count == 500)
        #expect(rows.allSatisfy { $0["status"] as? String == "COMPLETED" })
    }

    @Test func runStopsCleanlyOnSigterm() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        let daemon = try LakeBinary.start(["run"], in: dir.url)
        Thread.sleep(forTimeInterval: 1.5)
        daemon.process.terminate()
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0, "\(daemon.result().stderr)")
    }
}

@Suite(.blocking) struct DemoTests {
    @Test func demoRunsTheWholePipelineAndDuckDBReadsTheTables() throws {
        let dir = try TempDir()
        let r = try LakeBinary.run(["demo", "--dir", dir.url.path, "--json"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(r.json as? [String: Any])
        let executions = try #require(summary["executions"] as? [String: Int])
        #expect(executions["FAILED"] == 0)
        #expect(executions["COMPLETED", default: 0] >= 4)
        let tables = try #require(summary["tables"] as? [String: Int])
        #expect(Set(tables.keys) == ["persons", "memberships", "organizations"])
        // The Parquet tables are readable by DuckDB with Hive partitioning, with every record.
        let analytics = dir.url.appendingPathComponent(".lake/analytics/demoteam/legislators").path
        let script = """
        import duckdb, sys
        base = sys.argv[1]
        for t in ['persons', 'memberships', 'organizations']:
            n = duckdb.sql(f"select count(*) from read_parquet('{base}/{t}/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
            print(t, n)
        print('orgs', duckdb.sql(f"select count(distinct organization_name) from read_parquet('{base}/memberships/**/*.parquet', hive_partitioning=true)").fetchall()[0][0])
        """
        let out = try Python.run(script, [analytics])
        #expect(out.contains("persons 1200"))
        #expect(out.contains("memberships 2400"))
        #expect(out.contains("organizations 40"))
        #expect(out.contains("orgs 40"))
    }
}

/// Runs a Python snippet with arguments; returns stdout, throws on a non-zero exit.
enum Python {
    static func run(_ script: String, _ args: [String]) throws -> String { try Subprocess.python(script, args) }
}
