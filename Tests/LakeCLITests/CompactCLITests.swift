import Foundation
import LakeTestSupport
import Testing

/// `lake compact` on the demo's memberships table after its sample landed four more times (40
/// partitions of 5 small files): one file per partition, DuckDB's count, sums and schema and the
/// catalog's counts unchanged; `--dry-run` changes nothing; a crash injected between the steps
/// is finished or undone by the next `lake compact` or `lake run`.
@Suite(.serialized, .blocking) struct CompactCLITests {
    static let table = "swiftlake_datalake_dev_demoteam_legislators_db.memberships"

    /// A demo lake whose memberships partitions hold five small files each.
    static func lake() throws -> TempDir {
        let dir = try TempDir()
        let demo = try LakeBinary.run(["demo", "--dir", dir.url.path], in: dir.url)
        guard demo.status == 0 else { throw CLITestFailure("demo failed: \(demo.stderr)") }
        let sample = dir.url.appendingPathComponent(".lake/raw/demoteam/legislators/memberships/memberships.jsonl")
        for i in 1...4 {
            let copy = dir.url.appendingPathComponent("again-\(i).jsonl")
            try FileManager.default.copyItem(at: sample, to: copy)
            let ingest = try LakeBinary.run(["ingest", copy.path, "--team", "demoteam", "--dataset", "legislators", "--table", "memberships"], in: dir.url)
            guard ingest.status == 0 else { throw CLITestFailure("ingest failed: \(ingest.stderr)") }
        }
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        guard processed.status == 0 else { throw CLITestFailure("process failed: \(processed.stderr)") }
        return dir
    }

    /// DuckDB's view of the table's files: rows, sums, schema, files per partition.
    static func duck(_ dir: TempDir) throws -> String {
        let base = dir.url.appendingPathComponent(".lake/analytics/demoteam/legislators/memberships").path
        return try Python.run("""
            import duckdb, sys, glob, os, collections
            base = sys.argv[1]
            rel = f"read_parquet('{base}/**/*.parquet', hive_partitioning=true)"
            print('rows', duckdb.sql(f"select count(*), sum(seats), sum(length(id)), count(distinct person_id) from {rel}").fetchall()[0])
            print('schema', duckdb.sql(f"select column_name, column_type from (describe select * from {rel})").fetchall())
            files = collections.Counter(os.path.dirname(f) for f in glob.glob(f'{base}/**/*.parquet', recursive=True))
            print('partitions', len(files), 'files', sorted(set(files.values())))
            """, [base])
    }

    static func catalogCounts(_ dir: TempDir) throws -> (partitions: Int, files: Int, rows: Int) {
        let result = try LakeBinary.run(["catalog", "partitions", table, "--json"], in: dir.url)
        let partitions = try #require(result.json as? [[String: Any]], "\(result.stderr)")
        return (partitions.count, partitions.reduce(0) { $0 + ($1["fileCount"] as? Int ?? 0) }, partitions.reduce(0) { $0 + ($1["rowCount"] as? Int ?? 0) })
    }

    @Test func compactionKeepsEveryRowAndDryRunChangesNothing() throws {
        let dir = try Self.lake()
        let before = try Self.duck(dir)
        #expect(before.contains("rows (12000,"), "\(before)")
        #expect(before.contains("partitions 40 files [5]"), "\(before)")
        #expect(try Self.catalogCounts(dir) == (40, 200, 12000))

        let dry = try LakeBinary.run(["compact", Self.table, "--dry-run", "--json"], in: dir.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        let planned = try #require((dry.json as? [String: Any])?["partitions"] as? [[String: Any]])
        #expect(planned.count == 40 && planned.allSatisfy { $0["status"] as? String == "planned" && $0["filesAfter"] as? Int == 1 })
        #expect(try Self.duck(dir) == before, "a dry run changed the files")

        let run = try LakeBinary.run(["compact", Self.table, "--json"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let done = try #require((run.json as? [String: Any])?["partitions"] as? [[String: Any]])
        #expect(done.allSatisfy { $0["status"] as? String == "compacted" && $0["filesAfter"] as? Int == 1 }, "\(done.prefix(2))")
        let after = try Self.duck(dir)
        #expect(after == before.replacingOccurrences(of: "files [5]", with: "files [1]"), "before:\n\(before)\nafter:\n\(after)")
        #expect(try Self.catalogCounts(dir) == (40, 40, 12000))
        let table = try #require(try LakeBinary.run(["catalog", "table", Self.table, "--json"], in: dir.url).json as? [String: Any])
        let parameters = (table["parameters"] as? [String: String]) ?? ((table["table"] as? [String: Any])?["parameters"] as? [String: String]) ?? [:]
        #expect(parameters["recordCount"] == "12000" && parameters["numFiles"] == "40", "\(parameters)")
        // Nothing is left to do: a second run skips every partition.
        let again = try #require((try LakeBinary.run(["compact", Self.table, "--json"], in: dir.url).json as? [String: Any])?["partitions"] as? [[String: Any]])
        #expect(again.allSatisfy { $0["status"] as? String == "skipped" })
    }

    @Test(arguments: ["compact-after-outputs", "compact-after-commit"])
    func aCrashBetweenTheStepsIsRecovered(_ point: String) throws {
        let dir = try Self.lake()
        let before = try Self.duck(dir)
        let crashed = try LakeBinary.run(["compact", Self.table], in: dir.url, environment: ["SWIFTLAKE_CRASH_AT": point])
        #expect(crashed.status == 86, "\(crashed.stderr)")
        if point == "compact-after-commit" {
            // Recovery through `lake run`: it finishes the swap at start.
            let daemon = try LakeBinary.start(["run"], in: dir.url)
            let deadline = Date().addingTimeInterval(60)
            while !daemon.stderrSoFar.contains("recovered an interrupted compaction") && daemon.process.isRunning && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(daemon.stderrSoFar.contains(": finished"), "\(daemon.stderrSoFar)")
            daemon.process.terminate()
            daemon.process.waitUntilExit()
        }
        let resumed = try LakeBinary.run(["compact", Self.table, "--json"], in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try #require(resumed.json as? [String: Any])
        if point == "compact-after-outputs" {
            #expect((report["recovered"] as? [String])?.first?.contains("undone") == true, "\(report["recovered"] ?? "")")
        }
        #expect(try Self.duck(dir) == before.replacingOccurrences(of: "files [5]", with: "files [1]"))
        #expect(try Self.catalogCounts(dir) == (40, 40, 12000))
        let journals = dir.url.appendingPathComponent(".lake/artifacts/_compaction")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: journals.path)) ?? []).isEmpty, "journals left behind")
    }

    /// `compaction:` on the dataset: `lake run` compacts crowded partitions by itself.
    @Test func lakeRunCompactsWhenADatasetAsksForIt() throws {
        let dir = try Self.lake()
        let before = try Self.duck(dir)
        let yaml = dir.url.appendingPathComponent("lake.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "    default_priority: LOW\n", with: "    default_priority: LOW\n    compaction: {after_files: 4, target_size: 64MB}\n")
        #expect(edited != text)
        try Data(edited.utf8).write(to: yaml)
        #expect(try LakeBinary.run(["config", "validate"], in: dir.url).status == 0)
        let daemon = try LakeBinary.start(["run"], in: dir.url)
        defer { if daemon.process.isRunning { daemon.process.terminate(); daemon.process.waitUntilExit() } }
        let deadline = Date().addingTimeInterval(120)
        var after = ""
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            if (try? Self.catalogCounts(dir))?.files == 40 {
                after = try Self.duck(dir)
                break
            }
        }
        #expect(after == before.replacingOccurrences(of: "files [5]", with: "files [1]"), "before:\n\(before)\nafter:\n\(after)\n\(daemon.stderrSoFar)")
        #expect(try Self.catalogCounts(dir) == (40, 40, 12000))
    }
}
