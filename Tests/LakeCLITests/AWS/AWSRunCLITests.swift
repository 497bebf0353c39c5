import Foundation
import LakeTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lake on moto through the CLI, as the issue checks it: bootstrap, files uploaded with the
/// AWS CLI into the raw bucket (S3 notifications feed the catalog queue), `lake process
/// --until-idle`, then two `lake run` workers at once; the AWS CLI reads back the analytics
/// objects and the Octagon items.
@Suite(.serialized, .blocking) struct AWSRunCLITests {
    @Test func processUntilIdleAndEveryCommandOnAWS() async throws {
        let lake = try await AWSLakeFixture()
        let env = lake.environment
        #expect(try lake.lake(["aws", "bootstrap"]).status == 0)
        let ids = try lake.upload(perDataset: 10)

        guard let summary = try lake.lakeJSON(["process", "--until-idle", "--timeout", "5m"]) as? [String: Any] else {
            throw CLITestFailure("process --json is not an object")
        }
        let counts = summary["executions"] as? [String: Int] ?? [:]
        #expect(counts["COMPLETED", default: 0] > 20 && counts["FAILED", default: 0] == 0, "\(counts)")
        let executions = try lake.executions()
        let stageA = executions.filter { $0["stage"] as? String == "a" }
        #expect(stageA.count == 20)
        #expect(Set(stageA.compactMap { ($0["inputKeys"] as? [String])?.first }).count == 20)
        #expect(executions.allSatisfy { $0["status"] as? String == "COMPLETED" })
        let analytics = try lake.analyticsIDs()
        #expect(analytics.ids.sorted() == ids.sorted(), "every row once in analytics")
        let status = try lake.status()
        #expect(status.pending == 0 && status.dead == 0)

        // Octagon, as the AWS CLI sees it.
        let scan = try lake.awsJSON(["dynamodb", "scan", "--table-name", "octagon-ObjectMetadata-\(env)"])
        let items = scan["Items"] as? [[String: Any]] ?? []
        func stage(_ item: [String: Any]) -> String? { (item["stage"] as? [String: Any])?["S"] as? String }
        #expect(items.filter { stage($0) == "raw" }.count == 20)
        #expect(items.filter { stage($0) == "stage" }.count == 20)
        #expect(items.filter { stage($0) == "analytics" }.count >= 4, "analytics objects: per dataset, batch and region")
        let ids20 = items.compactMap { ($0["id"] as? [String: Any])?["S"] as? String }
        #expect(Set(ids20).count == ids20.count)
        #expect(ids20.contains("s3://\(lake.rawBucket)/sales/orders/orders/file-00000.json"))
        let history = try lake.awsJSON(["dynamodb", "scan", "--table-name", "octagon-PipelineExecutionHistory-\(env)", "--select", "COUNT"])
        #expect(history["Count"] as? Int == executions.count)

        // The read commands.
        let raw = try lake.lakeJSON(["objects", "--zone", "raw"]) as? [[String: Any]]
        #expect(raw?.count == 20)
        // The account's Glue catalog is shared: another environment's database is not this lake's.
        try lake.aws(["glue", "create-database", "--database-input", #"{"Name": "acme_lake_\#(env)x_sales_orders_db"}"#], json: false)
        let databases = try #require(try lake.lakeJSON(["catalog", "databases"]) as? [[String: Any]])
        let names = databases.compactMap { $0["name"] as? String }
        #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("acme_lake_\(env)_") }, "\(names)")
        let tables = try #require(try lake.lakeJSON(["catalog", "tables"]) as? [[String: Any]])
        #expect(tables.allSatisfy { ($0["database"] as? String)?.hasPrefix("acme_lake_\(env)_") == true }, "\(tables)")
        let pipelines = try lake.lakeJSON(["pipelines"]) as? [[String: Any]]
        #expect(pipelines?.compactMap { $0["id"] as? String }.sorted() == ["sales-main-stage-a", "sales-main-stage-b"])

        // WLM on DynamoDB.
        #expect(try lake.lake(["wlm", "set", "sales/orders/orders", "HIGH"]).status == 0)
        let rows = try lake.lakeJSON(["wlm", "list"]) as? [[String: Any]]
        #expect(rows?.compactMap { $0["id"] as? String } == ["sales-orders-orders"])
        let wlm = try lake.awsJSON(["dynamodb", "get-item", "--table-name", "octagon-wlm-\(env)", "--key", #"{"name":{"S":"sales-orders-orders"}}"#])
        #expect(((wlm["Item"] as? [String: Any])?["priority"] as? [String: Any])?["S"] as? String == "HIGH")
        #expect(try lake.lake(["wlm", "unset", "sales/orders/orders"]).status == 0)
        #expect((try lake.lakeJSON(["wlm", "list"]) as? [[String: Any]])?.isEmpty == true)
        #expect(try lake.lake(["wlm", "status"]).status == 0)

        // ingest puts to the raw bucket and sends a landing event (S3's own event for the same
        // object is a duplicate the pipeline absorbs); an unknown dataset is dead-lettered and
        // redriven once lake.yaml knows it.
        try lake.dir.write("more/extra.json", #"{"id":9001,"region":"eu"}"# + "\n")
        #expect(try lake.lake(["ingest", "more/extra.json", "--team", "sales", "--dataset", "orders", "--table", "orders"]).status == 0)
        try lake.dir.write("more/lost.json", #"{"id":9002,"region":"eu"}"# + "\n")
        try lake.aws(["s3", "cp", "--only-show-errors", lake.dir.url.appendingPathComponent("more/lost.json").path, "s3://\(lake.rawBucket)/sales/unknown/t/lost.json"], json: false)
        #expect(try lake.lake(["process", "--until-idle", "--timeout", "5m"]).status == 0)
        let after = try lake.executions()
        #expect(after.filter { $0["stage"] as? String == "a" }.count == 21, "the ingested file ran stage A once")
        #expect(try lake.analyticsIDs().ids.sorted() == (ids + [9001]).sorted())
        #expect(try lake.status().dead == 1, "the unknown dataset waits in the routing dead-letter queue")
        let redrive = try lake.lakeJSON(["redrive", "--routing"]) as? [String: Any]
        #expect(redrive?["moved"] as? Int == 1)

        // A file stage A cannot read fails once, waits in the stage-A dead-letter queue (SQS
        // FIFO) and is redriven from there.
        try lake.dir.write("more/bad.json", "{not json\n")
        try lake.aws(["s3", "cp", "--only-show-errors", lake.dir.url.appendingPathComponent("more/bad.json").path, "s3://\(lake.rawBucket)/sales/orders/orders/bad.json"], json: false)
        #expect(try lake.lake(["process", "--until-idle", "--timeout", "5m"]).status == 0)
        let failed = try lake.executions().filter { $0["status"] as? String == "FAILED" }
        #expect(failed.count == 1 && (failed.first?["error"] as? String)?.hasPrefix("process:") == true, "\(failed)")
        let stageARedrive = try lake.lakeJSON(["redrive", "--dataset", "sales/orders", "--stage", "a"]) as? [String: Any]
        #expect(stageARedrive?["moved"] as? Int == 1)
    }

    @Test func oneBucketLayoutLandsThroughTheRawPrefix() async throws {
        let lake = try await AWSLakeFixture(datasets: ["orders"], buckets: 1)
        #expect(try lake.lake(["aws", "bootstrap"]).status == 0)
        let notification = try lake.awsJSON(["s3api", "get-bucket-notification-configuration", "--bucket", lake.bucketPrefix])
        let filter = ((notification["QueueConfigurations"] as? [[String: Any]])?.first?["Filter"] as? [String: Any])?["Key"] as? [String: Any]
        #expect((filter?["FilterRules"] as? [[String: Any]])?.first?["Value"] as? String == "raw/")
        let ids = try lake.upload(perDataset: 5)
        #expect(try lake.lake(["process", "--until-idle", "--timeout", "5m"]).status == 0)
        #expect(try lake.analyticsIDs().ids.sorted() == ids.sorted())
        let executions = try lake.executions()
        #expect(executions.filter { $0["stage"] as? String == "a" }.count == 5)
        #expect(executions.allSatisfy { $0["status"] as? String == "COMPLETED" })
        // Stage and analytics writes in the same bucket are outside raw/: no events for them.
        #expect(try lake.status().dead == 0)
    }

    @Test func twoWorkersProcess200FilesExactlyOnce() async throws {
        let maxConcurrent = 2
        let lake = try await AWSLakeFixture(datasets: ["orders", "refunds", "returns", "invoices"], maxConcurrent: maxConcurrent, maxItems: 20)
        #expect(try lake.lake(["aws", "bootstrap"]).status == 0)
        // Registry rows and queues exist before the workers race to create them.
        #expect(try lake.lake(["status"]).status == 0)
        let ids = try lake.upload(perDataset: 50)
        let started = Date()
        let workers = try [lake.start(["run"]), lake.start(["run"])]
        defer {
            for worker in workers where worker.process.isRunning { kill(worker.process.processIdentifier, SIGKILL) }
        }
        // Idle: nothing visible or in flight, and the execution counts unchanged over two polls.
        var last: [String: Int] = [:]
        var stable = 0
        let deadline = Date().addingTimeInterval(900)
        while stable < 2 {
            guard Date() < deadline else { throw CLITestFailure("the workers did not finish within 15 minutes: \(last)") }
            guard workers.allSatisfy({ $0.process.isRunning }) else {
                throw CLITestFailure("a worker exited early: \(workers.map { $0.result().stderr.suffix(2000) })")
            }
            try await Task.sleep(for: .seconds(2))
            let status = try lake.status()
            let finished = status.pending == 0 && (status.executions["RUNNING"] ?? 0) == 0 && (status.executions["COMPLETED"] ?? 0) > 0
            stable = finished && status.executions == last ? stable + 1 : 0
            last = status.executions
        }
        let elapsed = Date().timeIntervalSince(started)
        // Both workers took stage-A work: each made scratch slots in its own work directory.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-\(lake.environment)")
        let workDirectories = workers.map { root.appendingPathComponent("work-\($0.process.processIdentifier)") }
        for directory in workDirectories {
            let lanes = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            let slots = lanes.filter { $0.hasPrefix("stage-a-") }.flatMap {
                (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent($0).path)) ?? []
            }
            #expect(!slots.isEmpty, "worker \(directory.lastPathComponent) did no stage-A work")
        }
        for worker in workers { kill(worker.process.processIdentifier, SIGTERM) }
        for worker in workers {
            let stopBy = Date().addingTimeInterval(60)
            while worker.process.isRunning && Date() < stopBy { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!worker.process.isRunning, "a worker did not stop within 60 s of SIGTERM")
            worker.process.waitUntilExit()
            #expect(worker.process.terminationStatus == 0, "\(worker.result().stderr.suffix(2000))")
        }

        for directory in workDirectories {
            #expect(!FileManager.default.fileExists(atPath: directory.path), "a stopped worker leaves its work directory behind")
        }

        let executions = try lake.executions()
        let stageA = executions.filter { $0["stage"] as? String == "a" }
        let stageB = executions.filter { $0["stage"] as? String == "b" }
        #expect(stageA.count == 200, "one stage-A execution per file")
        #expect(Set(stageA.compactMap { ($0["inputKeys"] as? [String])?.first }).count == 200)
        #expect(executions.allSatisfy { $0["status"] as? String == "COMPLETED" }, "\(executions.filter { $0["status"] as? String != "COMPLETED" }.prefix(3))")
        let stageBKeys = stageB.flatMap { $0["inputKeys"] as? [String] ?? [] }
        #expect(stageBKeys.count == 200 && Set(stageBKeys).count == 200, "every stage key in exactly one stage-B batch")
        let analytics = try lake.analyticsIDs()
        #expect(analytics.ids.count == ids.count && analytics.ids.sorted() == ids.sorted(), "every row in analytics exactly once")

        // The slot cap across both workers: at no instant more than max_concurrent stage-B
        // executions between their start and end times.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var events: [(Date, Int)] = []
        for row in stageB {
            guard let start = (row["startedAt"] as? String).flatMap(formatter.date(from:)),
                  let end = (row["endedAt"] as? String).flatMap(formatter.date(from:))
            else { throw CLITestFailure("a stage-B execution without start and end: \(row)") }
            events += [(start, 1), (end, -1)]
        }
        var running = 0
        var peak = 0
        for (_, delta) in events.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
            running += delta
            peak = max(peak, running)
        }
        #expect(peak <= maxConcurrent, "stage-B executions overlapping at one instant: \(peak)")
        print("two workers: 200 files, \(stageB.count) stage-B batches, peak \(peak) concurrent, \(String(format: "%.1f", elapsed)) s (\(String(format: "%.1f", 200 / elapsed)) files/s)")
    }
}
