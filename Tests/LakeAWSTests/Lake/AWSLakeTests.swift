import Foundation
import LakeTestSupport
import LakeAWS
import LakeCore
import Testing

/// AWSLake.connect and AWSBootstrap against moto: the plan, a first apply that creates
/// everything, a second that finds everything, and the ports working on the result.
@Suite struct AWSLakeTests {
    /// A lake on moto with a unique environment, and queue specs like the engine's.
    static func connect(buckets: Int = 3) async throws -> (AWSLake, [AWSQueueSpec]) {
        let endpoint = try await MotoServer.shared.start()
        let environment = "t" + UUID().uuidString.prefix(6).lowercased()
        let lake = try await AWSLake.connect(
            config: AWSStorageConfig(region: "us-east-1", buckets: buckets, kmsKeyId: "alias/lake"), environment: environment,
            org: "Acme", app: "Data_Lake", clock: SystemClock(), awsEnvironment: Moto.environment(endpoint: endpoint),
            retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)))
        let catalogDLQ = try QueueName(validating: "lake-\(environment)-catalog-dlq")
        let stageDLQ = try QueueName(validating: "lake-\(environment)-demoteam-main-a-dlq.fifo")
        let queues = [
            AWSQueueSpec(
                name: try QueueName(validating: "lake-\(environment)-demoteam-main-a.fifo"),
                options: QueueOptions(visibilityTimeout: .seconds(60), maxReceiveCount: 3, deadLetterQueue: stageDLQ)),
            AWSQueueSpec(name: stageDLQ),
            AWSQueueSpec(
                name: try QueueName(validating: "lake-\(environment)-catalog"),
                options: QueueOptions(maxReceiveCount: 5, deadLetterQueue: catalogDLQ)),
            AWSQueueSpec(name: catalogDLQ),
        ]
        return (lake, queues)
    }

    @Test func namesFollowTheConfig() async throws {
        let (lake, _) = try await Self.connect()
        defer { Task { try? await lake.shutdown() } }
        #expect(lake.layout.buckets == ["acme-data-lake-\(lake.environment)-raw", "acme-data-lake-\(lake.environment)-stage", "acme-data-lake-\(lake.environment)-analytics"])
        #expect(lake.tables.executions == "octagon-PipelineExecutionHistory-\(lake.environment)")
        #expect(lake.settings.endpoint(for: .s3).isCustom)
        #expect(lake.objects.encryption == .kms(keyId: "alias/lake"))
        await #expect(throws: LakeError.self) {
            _ = try await AWSLake.connect(
                config: AWSStorageConfig(buckets: 2), environment: "dev", org: "a", app: "b", clock: SystemClock(),
                awsEnvironment: Moto.environment(endpoint: "http://127.0.0.1:1"))
        }
    }

    @Test func bootstrapIsIdempotentAndTheLakeWorks() async throws {
        let (lake, queues) = try await Self.connect()
        defer { Task { try? await lake.shutdown() } }
        let bootstrap = AWSBootstrap(lake: lake)
        let raw = lake.layout.bucket(for: .raw)
        let database = CatalogDatabase.name(org: "acme", app: "datalake", environment: lake.environment, dataset: DatasetRef(team: "demoteam", dataset: "legislators"))
        let plan = bootstrap.plan(
            queues: queues, databases: [database],
            notifications: [(bucket: raw, queue: queues[2].name, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], prefix: nil)],
            parameterRoot: "/SDLF/\(lake.environment)")
        let dryRun = plan.description
        #expect(dryRun.contains("1. create S3 bucket \(raw)"))
        #expect(dryRun.contains("dead letters to \(queues[1].name) after 3 receives"))
        #expect(dryRun.contains("create DynamoDB table octagon-PipelineExecutionHistory-\(lake.environment) (key id, TTL on ttl)"))
        #expect(dryRun.contains("put SSM parameter /SDLF/\(lake.environment)/S3/RawBucket = \(raw)"))
        let dlqIndex = plan.actions.firstIndex(of: .createQueue(queues[1]))
        let userIndex = plan.actions.firstIndex(of: .createQueue(queues[0]))
        #expect(dlqIndex != nil && userIndex != nil && (dlqIndex ?? 0) < (userIndex ?? 0), "dead-letter queues come first")

        let first = try await bootstrap.apply(plan)
        #expect(first.count == plan.actions.count)
        #expect(first.allSatisfy { $0.outcome == .created }, "\(first.filter { $0.outcome != .created })")
        let second = try await bootstrap.apply(plan)
        #expect(second.allSatisfy { $0.outcome == .exists }, "\(second.filter { $0.outcome != .exists })")

        // The ports on what the bootstrap made.
        let key = try ObjectKey("demoteam/legislators/persons.json")
        let info = try await lake.objects.put(Data(#"{"name": "x"}"#.utf8), at: ObjectLocation(.raw, key))
        #expect(lake.objects.uri(for: info.location) == "s3://\(raw)/demoteam/legislators/persons.json")
        let options = try #require(try await lake.queues.options(of: queues[0].name))
        #expect(options.maxReceiveCount == 3)
        #expect(options.deadLetterQueue == queues[1].name)
        var events: [ReceivedMessage] = []
        for _ in 0..<20 where events.isEmpty {
            events = try await lake.queues.receive(from: queues[2].name, maxMessages: 10, visibilityTimeout: nil)
                .filter { $0.body.contains("ObjectCreated") }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!events.isEmpty, "the raw bucket's events reach the catalog queue")
        let started = try await lake.metadata.startExecution(
            ExecutionRecord(
                id: "e1", pipeline: "demoteam-main", stage: .b, team: "demoteam", dataset: "legislators", startedAt: Date(),
                inputKeys: [key.rawValue], slotGroup: "demoteam-legislators"), slotLimit: 1, staleBefore: Date().addingTimeInterval(-60))
        #expect(started)
        #expect(try await lake.catalog.database(named: database) != nil)
    }

    @Test func oneBucketLayout() async throws {
        let (lake, _) = try await Self.connect(buckets: 1)
        defer { Task { try? await lake.shutdown() } }
        let bootstrap = AWSBootstrap(lake: lake)
        let results = try await bootstrap.apply(AWSBootstrapPlan(actions: bootstrap.plan().actions.filter {
            if case .createBucket = $0 { return true } else { return false }
        }))
        #expect(results.map(\.outcome) == [.created])
        let location = ObjectLocation(.stage, try ObjectKey("t/d/a.json"))
        try await lake.objects.put(Data("x".utf8), at: location)
        #expect(lake.objects.uri(for: location) == "s3://acme-data-lake-\(lake.environment)/stage/t/d/a.json")
    }
}
