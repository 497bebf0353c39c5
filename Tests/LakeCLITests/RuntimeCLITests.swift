import Foundation
import LakeTestSupport
import Testing

/// What the LakeRuntime issue promises at the CLI: read commands that create nothing, transform
/// options checked by `lake config validate`, failures that keep their code and hint, and a
/// pipeline kind registered by a custom binary.
@Suite(.blocking) struct RuntimeCLITests {
    @Test func readCommandsOnALakeThatDoesNotExistSaySoAndCreateNothing() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        for command in [["status"], ["executions"], ["executions", "--json"], ["objects"], ["pipelines"], ["wlm", "list"],
                        ["wlm", "status"], ["catalog", "databases"], ["catalog", "tables"]] {
            let result = try LakeBinary.run(command, in: dir.url)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("no lake at") && lines[0].contains("lake process"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        // (The test helper keeps each command's output in hidden .out-/.err- files there.)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { !$0.hasPrefix(".out-") && !$0.hasPrefix(".err-") }
        #expect(entries == ["lake.yaml"], "nothing was created: \(entries)")
    }

    @Test func aMisspelledTransformOptionIsAConfigErrorNamingTheKeyAndItsLine() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig.replacingOccurrences(
            of: "    stage_a: {transform: json-flatten}", with: "    stage_a:\n      transform: json-flatten\n      options: {keep_nestedd: true}"))
        let result = try LakeBinary.run(["config", "validate"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("lake.yaml:15:"), "\(result.stderr)")
        #expect(result.stderr.contains("pipelines.main.stage_a.options.keep_nestedd"))
        #expect(result.stderr.contains("transform 'json-flatten' has no option 'keep_nestedd'"))
        #expect(result.stderr.contains("nested"), "the hint lists the options there are")
        // An ill-typed value of a dataset override, and of a named transform, likewise.
        try dir.write("lake.yaml", twoTeamsConfig.replacingOccurrences(
            of: "  orders: {team: sales, pipeline: main}",
            with: "  orders: {team: sales, pipeline: main, stage_b: {transform: fast, options: {compresion: zstd}}}")
            + "transforms:\n  fast: {stage: b, uses: parquet, options: {row_group_mb: many}}\n")
        let json = try #require(try LakeBinary.run(["config", "validate", "--json"], in: dir.url).json as? [String: Any])
        let issues = try #require(json["issues"] as? [[String: Any]])
        let paths = issues.compactMap { $0["path"] as? String }
        #expect(paths.contains("datasets.orders.stage_b.options.compresion"), "\(paths)")
        #expect(paths.contains("transforms.fast.options.row_group_mb"), "\(paths)")
        let typo = try #require(issues.first { $0["path"] as? String == "datasets.orders.stage_b.options.compresion" })
        #expect((typo["hint"] as? String)?.hasPrefix("did you mean 'compression'?") == true, "\(typo)")
        #expect(typo["line"] as? Int == 16)
        // Options of a transform that passes them on (command) are not refused.
        try dir.write("lake.yaml", twoTeamsConfig.replacingOccurrences(
            of: "    stage_b: {transform: concat, trigger: event, max_items: 40, max_concurrent: 2}",
            with: "    stage_b: {transform: command, options: {command: [python3, job.py], threshold: 3}}"))
        #expect(try LakeBinary.run(["config", "validate"], in: dir.url).status == 0)
    }

    @Test func configTransformsListsEveryBuiltInWithItsOptions() throws {
        let dir = try TempDir()
        let list = try #require(try LakeBinary.run(["config", "transforms", "--json"], in: dir.url).json as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: list.compactMap { item in (item["name"] as? String).map { ($0, item) } })
        #expect(Set(byName.keys) == ["passthrough", "json-flatten", "csv-normalize", "auto", "parquet", "command", "concat", "glue-job"])
        #expect(byName["glue-job"]?["stage"] as? String == "b")
        #expect(byName["json-flatten"]?["stage"] as? String == "a")
        #expect(byName["parquet"]?["stage"] as? String == "b")
        let parquet = try #require(byName["parquet"]?["options"] as? [[String: Any]])
        let compression = try #require(parquet.first { $0["name"] as? String == "compression" })
        #expect(compression["type"] as? String == "string")
        #expect(compression["default"] as? String == "snappy")
        #expect((compression["allowed"] as? [String])?.contains("gzip") == true)
        #expect(byName["command"]?["acceptsOtherOptions"] as? Bool == true)
        let text = try LakeBinary.run(["config", "transforms"], in: dir.url)
        #expect(text.stdout.contains("max_rows_per_file: integer, default 1048576"))
        let kinds = try #require(try LakeBinary.run(["config", "kinds", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(kinds.compactMap { $0["name"] as? String } == ["standard", "custom"])
    }

    @Test func aFailedExecutionKeepsItsCodeAndHint() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        try dir.write("in/good.jsonl", #"{"id":1}"# + "\n")
        try dir.write("in/bad.json", "{not json")
        #expect(try LakeBinary.run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "events"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let failed = try #require(try LakeBinary.run(["executions", "--status", "FAILED", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(failed.count == 1)
        let row = try #require(failed.first)
        #expect(row["errorCode"] as? String == "format")
        #expect((row["errorHint"] as? String)?.isEmpty == false)
        #expect(row["errorComponent"] as? String == "process")
        let completed = try #require(try LakeBinary.run(["executions", "--status", "COMPLETED", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(!completed.isEmpty && completed.allSatisfy { $0["errorCode"] is NSNull && $0["errorHint"] is NSNull }, "null when COMPLETED")
        // The text views show the hint; one execution by its id prefix shows everything.
        let text = try LakeBinary.run(["executions", "--status", "FAILED"], in: dir.url)
        #expect(text.stdout.contains("[format] hint: "), "\(text.stdout)")
        let id = try #require(row["id"] as? String)
        let detail = try LakeBinary.run(["executions", "--id", String(id.prefix(8))], in: dir.url)
        #expect(detail.status == 0)
        #expect(detail.stdout.contains("error[format] in process:"))
        #expect(detail.stdout.contains("hint: "))
        #expect(try LakeBinary.run(["executions", "--id", "nosuchexecution"], in: dir.url).status == 1)
    }

    @Test func aPipelineKindRegisteredInACustomBinaryRunsEndToEnd() throws {
        let dir = try TempDir()
        let example = LakeBinary.url.deletingLastPathComponent().appendingPathComponent("lake-example")
        try #require(FileManager.default.isExecutableFile(atPath: example.path), "build the lake-example target")
        let config = twoTeamsConfig.replacingOccurrences(of: "datasets:\n", with: """
              keep:
                type: archive
                stage_a: {options: {prefix: vault}}
            datasets:
              logs: {team: ops, pipeline: keep}

            """)
        try dir.write("lake.yaml", config)
        try dir.write("in/app-1.log", "line 1\n")
        try dir.write("in/app-2.log", "line 2\n")
        func run(_ args: [String]) throws -> Subprocess.Result { try Subprocess.run(example, args, directory: dir.url) }
        func json(_ args: [String]) throws -> Any? { try JSONSerialization.jsonObject(with: Data(try run(args).stdout.utf8)) }
        // The stock binary does not know the type; the example lists it.
        let stock = try LakeBinary.run(["config", "validate"], in: dir.url)
        #expect(stock.status == 2)
        #expect(stock.stderr.contains("unknown pipeline type 'archive'"), "\(stock.stderr)")
        #expect(try run(["config", "kinds"]).stdout.contains("archive"))
        #expect(try run(["config", "validate"]).status == 0)
        #expect(try run(["ingest", "in", "--team", "ops", "--dataset", "logs", "--table", "app"]).status == 0)
        let processed = try run(["process", "--until-idle", "--json"])
        #expect(processed.status == 0, "\(processed.stderr)")
        let stage = dir.url.appendingPathComponent(".lake/stage/ops/logs/app/vault")
        let days = try FileManager.default.contentsOfDirectory(atPath: stage.path)
        #expect(days.count == 1 && days[0].hasPrefix("dt=20"), "\(days)")
        let files = try FileManager.default.contentsOfDirectory(atPath: stage.appendingPathComponent(days[0]).path).sorted()
        #expect(files == ["app-1.log", "app-2.log"])
        #expect(try String(contentsOf: stage.appendingPathComponent(days[0]).appendingPathComponent("app-1.log"), encoding: .utf8) == "line 1\n")
        // Nothing else runs: no stage B, no analytics, no stage-B queues.
        let executions = try #require(try json(["executions", "--json"]) as? [[String: Any]])
        #expect(executions.count == 2 && executions.allSatisfy { $0["stage"] as? String == "a" && $0["status"] as? String == "COMPLETED" })
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent(".lake/analytics/ops").path))
        let queues = try #require(try json(["status", "--json"]) as? [String: Any])
        let names = (queues["queues"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(!names.contains { $0.contains("-ops-logs-b-") }, "\(names)")
        // The kind refuses what it cannot run.
        try dir.write("lake.yaml", config.replacingOccurrences(of: "    stage_a: {options: {prefix: vault}}", with: "    stage_b: {transform: parquet}"))
        let refused = try run(["config", "validate"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("pipelines.keep.stage_b"))
    }
}
