import Foundation
import LakeTestSupport
import Testing

/// `lake aws bootstrap` against moto: the dry run changes nothing, the first run creates every
/// resource, the second finds them all, and the AWS CLI sees what was made.
@Suite(.serialized, .blocking) struct AWSBootstrapCLITests {
    @Test func dryRunThenCreateThenNothingToDo() async throws {
        let lake = try await AWSLakeFixture()
        let env = lake.environment

        guard let dry = try lake.lakeJSON(["aws", "bootstrap", "--dry-run"]) as? [String: Any],
              let plan = dry["steps"] as? [[String: Any]]
        else { throw CLITestFailure("dry run JSON has an unexpected shape") }
        #expect(dry["dryRun"] as? Bool == true)
        #expect(dry["endpoint"] as? String == lake.endpoint)
        #expect(plan.allSatisfy { $0["outcome"] == nil || $0["outcome"] is NSNull })
        #expect(plan.allSatisfy { $0["planned"] as? String == "created" }, "the dry run looked: nothing exists yet")
        func names(_ kind: String, in steps: [[String: Any]]) -> [String] {
            steps.filter { $0["kind"] as? String == kind }.compactMap { $0["name"] as? String }
        }
        #expect(names("bucket", in: plan) == [lake.rawBucket, "\(lake.bucketPrefix)-stage", lake.analyticsBucket])
        let queues = names("queue", in: plan)
        #expect(queues.contains("lake-\(env)-catalog") && queues.contains("lake-\(env)-routing-dlq"))
        #expect(queues.contains("lake-\(env)-sales-main-a-high.fifo") && queues.contains("lake-\(env)-sales-main-a-dlq.fifo"))
        #expect(queues.contains("lake-\(env)-sales-orders-b-low") && queues.contains("lake-\(env)-sales-refunds-b-dlq"))
        let dlq = try #require(queues.firstIndex(of: "lake-\(env)-sales-main-a-dlq.fifo"))
        let fifo = try #require(queues.firstIndex(of: "lake-\(env)-sales-main-a-high.fifo"))
        #expect(dlq < fifo, "dead-letter queues come first")
        let tables = names("table", in: plan)
        #expect(tables.contains("octagon-ObjectMetadata-\(env)") && tables.contains("octagon-wlm-\(env)"))
        #expect(names("database", in: plan) == ["acme_lake_\(env)_sales_orders_db", "acme_lake_\(env)_sales_refunds_db"])
        let parameters = names("parameter", in: plan)
        #expect(parameters.contains("/SDLF/\(env)/S3/RawBucket") && parameters.contains("/SDLF/\(env)/SQS/sales/mainStageAQueue/HIGH"))
        #expect(names("notification", in: plan) == ["\(lake.rawBucket) -> lake-\(env)-catalog"])
        let buckets = try lake.awsJSON(["s3api", "list-buckets"])["Buckets"] as? [[String: Any]] ?? []
        #expect(!buckets.contains { $0["Name"] as? String == lake.rawBucket }, "a dry run creates nothing")

        let text = try lake.lake(["aws", "bootstrap"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == plan.count + 1)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("created ") }, "\(lines.filter { !$0.hasPrefix("created ") })")
        #expect(lines.last == "done: \(plan.count) created, 0 exists, 0 updated")

        guard let again = try lake.lakeJSON(["aws", "bootstrap"]) as? [String: Any], let steps = again["steps"] as? [[String: Any]] else {
            throw CLITestFailure("second run JSON has an unexpected shape")
        }
        #expect(steps.count == plan.count)
        #expect(steps.allSatisfy { $0["outcome"] as? String == "exists" }, "\(steps.filter { $0["outcome"] as? String != "exists" })")
        #expect(again["summary"] as? [String: Int] == ["exists": plan.count])
        let dryAgain = try lake.lakeJSON(["aws", "bootstrap", "--dry-run"]) as? [String: Any]
        #expect((dryAgain?["steps"] as? [[String: Any]])?.allSatisfy { $0["planned"] as? String == "exists" } == true)

        // What the AWS CLI sees.
        let url = try lake.awsJSON(["sqs", "get-queue-url", "--queue-name", "lake-\(env)-catalog"])["QueueUrl"] as? String
        let parameter = try lake.awsJSON(["ssm", "get-parameter", "--name", "/SDLF/\(env)/SQS/CatalogQueue"])["Parameter"] as? [String: Any]
        #expect(url != nil && parameter?["Value"] as? String == url)
        let stageA = try lake.awsJSON([
            "sqs", "get-queue-attributes", "--queue-url",
            try #require(try lake.awsJSON(["sqs", "get-queue-url", "--queue-name", "lake-\(env)-sales-main-a-high.fifo"])["QueueUrl"] as? String),
            "--attribute-names", "All",
        ])["Attributes"] as? [String: String]
        #expect(stageA?["FifoQueue"] == "true")
        #expect(stageA?["RedrivePolicy"]?.contains("lake-\(env)-sales-main-a-dlq.fifo") == true)
        let notification = try lake.awsJSON(["s3api", "get-bucket-notification-configuration", "--bucket", lake.rawBucket])
        let configurations = notification["QueueConfigurations"] as? [[String: Any]] ?? []
        #expect(configurations.count == 1)
        #expect(Set(configurations.first?["Events"] as? [String] ?? []) == ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])
        #expect((configurations.first?["QueueArn"] as? String)?.hasSuffix(":lake-\(env)-catalog") == true)
        let database = try lake.awsJSON(["glue", "get-database", "--name", "acme_lake_\(env)_sales_orders_db"])["Database"] as? [String: Any]
        #expect(database?["Name"] as? String == "acme_lake_\(env)_sales_orders_db")
        let described = try lake.awsJSON(["dynamodb", "describe-table", "--table-name", "octagon-wlm-\(env)"])["Table"] as? [String: Any]
        #expect((described?["KeySchema"] as? [[String: Any]])?.first?["AttributeName"] as? String == "name")
    }

    @Test func anEmbeddedLakeHasNothingToBootstrap() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        let result = try LakeBinary.run(["aws", "bootstrap", "--dry-run"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("embedded backend"))
    }
}
