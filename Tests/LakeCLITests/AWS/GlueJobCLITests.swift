import Foundation
import LakeTestSupport
import Testing

/// Stage B on AWS Glue (`glue-job`) against moto: the batch's manifest goes to the artifacts
/// zone, the job run is started and polled until it ends; a run that SUCCEEDS has its outputs
/// (written by the job under the output prefix) recorded and catalogued, a run that FAILS fails
/// the execution with Glue's state and message. A second batch whose start is refused because
/// the job already runs waits and retries. `lake aws bootstrap` uploads the job's script and
/// creates the job (and updates both when lake.yaml or the script changes). The job itself is
/// played by glue_job_worker.py.
@Suite(.serialized, .blocking) struct GlueJobCLITests {
    /// A lake whose `orders` dataset runs stage B as a Glue job made by `lake aws bootstrap`
    /// from a local script (`job_name` given, or the default `lake-<env>-sales-orders`).
    static func fixture(job: String?) async throws -> AWSLakeFixture {
        let lake = try await AWSLakeFixture(datasets: ["orders"], maxConcurrent: 2, maxItems: 4)
        try writeConfig(lake, job: job)
        #expect(try lake.lake(["config", "validate"]).status == 0)
        try lake.dir.write("jobs/orders.py", "# the stand-in job is glue_job_worker.py\nprint('orders')\n")
        #expect(try lake.lake(["aws", "bootstrap"]).status == 0)
        return lake
    }

    static func writeConfig(_ lake: AWSLakeFixture, job: String?) throws {
        let name = job.map { "job_name: \($0), " } ?? ""
        let config = try String(contentsOf: lake.dir.url.appendingPathComponent("lake.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "stage_b: {transform: parquet, trigger: event, max_items: 4, max_concurrent: 2}",
                with: "stage_b: {transform: glue-job, trigger: event, max_items: 4, max_concurrent: 2, options: {\(name)script: jobs/orders.py, "
                    + "worker_type: G.2X, number_of_workers: 3, poll_interval: 0.1, arguments: {region_hint: eu}}}")
            // The stand-in job writes one unpartitioned file per table and batch.
            .replacingOccurrences(of: "orders: {partition_by: [region]}", with: "orders: {}")
        try lake.dir.write("lake.yaml", config)
    }

    static func bootstrapSteps(_ lake: AWSLakeFixture, dryRun: Bool = false) throws -> [[String: Any]] {
        let report = try lake.lakeJSON(["aws", "bootstrap"] + (dryRun ? ["--dry-run"] : [])) as? [String: Any]
        return (report?["steps"] as? [[String: Any]] ?? []).filter { ["job", "script"].contains($0["kind"] as? String ?? "") }
    }

    static func worker(_ lake: AWSLakeFixture, job: String, mode: String, count: Int) throws -> [[String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/glue_job_worker.py").path
        let out = try Python.run(try String(contentsOfFile: script, encoding: .utf8), [lake.endpoint, job, mode, String(count), "120"])
        return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func bootstrapUploadsTheScriptAndCreatesTheJobThenUpdatesIt() async throws {
        let lake = try await Self.fixture(job: nil)
        let name = "lake-\(lake.environment)-sales-orders"
        let job = try #require(try lake.awsJSON(["glue", "get-job", "--job-name", name])["Job"] as? [String: Any])
        let command = job["Command"] as? [String: Any] ?? [:]
        let script = try #require(command["ScriptLocation"] as? String)
        #expect(script.hasSuffix("/glue-scripts/sales/orders/orders.py") && script.hasPrefix("s3://"), "\(script)")
        #expect(job["WorkerType"] as? String == "G.2X" && job["NumberOfWorkers"] as? Int == 3 && job["GlueVersion"] as? String == "4.0")
        #expect(job["Role"] as? String == "lake-\(lake.environment)-sales-glue", "the team's role, which the template creates")
        #expect((job["ExecutionProperty"] as? [String: Any])?["MaxConcurrentRuns"] as? Int == 2, "stage B's max_concurrent")
        let path = String(script.dropFirst("s3://".count))
        let bucket = String(path.prefix { $0 != "/" })
        let copy = lake.dir.url.appendingPathComponent("fetched.py").path
        _ = try lake.aws(["s3", "cp", "s3://\(path)", copy], json: false)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == "# the stand-in job is glue_job_worker.py\nprint('orders')\n", "from \(bucket)")

        // Again: nothing to do. Then more workers and a changed script: both are updated.
        #expect(try Self.bootstrapSteps(lake).map { $0["outcome"] as? String } == ["exists", "exists"])
        let yaml = lake.dir.url.appendingPathComponent("lake.yaml")
        try lake.dir.write("lake.yaml", try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "number_of_workers: 3", with: "number_of_workers: 5"))
        try lake.dir.write("jobs/orders.py", "print('orders v2')\n")
        let planned = try Self.bootstrapSteps(lake, dryRun: true)
        #expect(planned.map { $0["planned"] as? String } == ["updated", "updated"], "\(planned)")
        #expect(try Self.bootstrapSteps(lake).map { $0["outcome"] as? String } == ["updated", "updated"])
        let updated = try lake.awsJSON(["glue", "get-job", "--job-name", name])["Job"] as? [String: Any]
        #expect(updated?["NumberOfWorkers"] as? Int == 5)

        // A missing script is an error naming it and the option.
        try FileManager.default.removeItem(at: lake.dir.url.appendingPathComponent("jobs/orders.py"))
        let missing = try lake.lake(["aws", "bootstrap"])
        #expect(missing.status != 0 && missing.stderr.contains("jobs/orders.py") && missing.stderr.contains("script"), "\(missing.stderr)")
    }

    @Test func succeededRunsRecordTheirOutputs() async throws {
        let job = "orders-job-\(UUID().uuidString.prefix(4).lowercased())"
        let lake = try await Self.fixture(job: job)
        let ids = try lake.upload(perDataset: 8)
        let process = try lake.start(["process", "--until-idle", "--timeout", "5m"])
        let handled = try Self.worker(lake, job: job, mode: "succeed", count: 2)
        _ = await process.process.exited()
        #expect(process.process.terminationStatus == 0, "\(process.stderrSoFar)")
        #expect(handled.count == 2, "two batches of four files, one run each: \(handled)")
        let args = handled.first?["args"] as? [String] ?? []
        #expect(Set(["--manifest", "--output_prefix", "--execution_id", "--team", "--dataset", "--region_hint"]).isSubset(of: Set(args)), "\(args)")

        let executions = try lake.executions().filter { $0["stage"] as? String == "b" }
        #expect(executions.count == 2)
        #expect(executions.allSatisfy { $0["status"] as? String == "COMPLETED" }, "\(executions)")
        // Whether the second batch's start overlapped the first (and was refused, then retried)
        // depends on how fast stage A feeds stage B, so it is not asserted here.
        #expect(try lake.analyticsIDs().ids.sorted() == ids.sorted(), "the job's outputs are the table's files")
        // This lake's table: the moto server is shared, and `catalog tables` lists every database
        // in the account (other tests' lakes have an `orders` table too, which made this count
        // look wrong under the full suite).
        let database = "acme_lake_\(lake.environment)_sales_orders_db"
        let tables = try lake.lakeJSON(["catalog", "tables", database]) as? [[String: Any]]
        let recordCount = tables?.first { $0["name"] as? String == "orders" }?["recordCount"] as? Int
        // On a mismatch, what the count was made from: the analytics objects Octagon holds.
        let objects = recordCount == ids.count ? "" : ((try? lake.lake(["objects", "--zone", "analytics", "--json"]).stdout) ?? "")
        #expect(recordCount == ids.count, "\(tables ?? [])\nanalytics objects: \(objects)")
    }

    @Test func failedRunFailsTheExecutionWithGluesMessage() async throws {
        let lake = try await Self.fixture(job: nil)
        let job = "lake-\(lake.environment)-sales-orders"
        _ = try lake.upload(perDataset: 2)
        let process = try lake.start(["process", "--until-idle", "--timeout", "5m"])
        let handled = try Self.worker(lake, job: job, mode: "fail", count: 1)
        _ = await process.process.exited()
        #expect(handled.count == 1)
        let failed = try lake.executions().filter { $0["stage"] as? String == "b" }
        #expect(failed.count == 1)
        #expect(failed.first?["status"] as? String == "FAILED")
        let error = failed.first?["error"] as? String ?? ""
        #expect(error.contains("ended FAILED") && error.contains("boom: executor lost"), "\(error)")
        #expect(try lake.status().dead == 2, "the batch's keys wait in the stage-B dead-letter queue")
    }
}
