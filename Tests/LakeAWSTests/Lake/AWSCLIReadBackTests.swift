import Foundation
import LakeTestSupport
import LakeAWS
import LakeCore
import Testing

/// What SwiftLake writes, read back with the real AWS CLI against the same moto server: a
/// standard client must see the objects, rows, tables, partitions, messages and parameters we
/// think we wrote.
@Suite(.blocking) struct AWSCLIReadBackTests {
    /// Runs `aws --endpoint-url <moto> <arguments> --output json` with fake credentials in the
    /// child's environment only; returns the parsed JSON (nil for empty output).
    static func aws(_ arguments: [String], endpoint: String) throws -> Any? {
        guard MotoServer.onPath("aws") else {
            throw LakeError(.io, "the AWS CLI is not installed", hint: "run scripts/ensure-test-deps.sh")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-aws-cli-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for name in ["PYENV_ROOT", "PYENV_VERSION", "PYTHONPATH"] {
            if let value = ProcessInfo.processInfo.environment[name] { environment[name] = value }
        }
        environment["HOME"] = home.path
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing-secret"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = home.appendingPathComponent("none").path
        environment["AWS_SHARED_CREDENTIALS_FILE"] = home.appendingPathComponent("none").path
        let result = try Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments, environment: environment)
        guard result.status == 0 else {
            throw LakeError(.remote, "aws \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr)")
        }
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func theAWSCLISeesWhatSwiftLakeWrote() async throws {
        let endpoint = try await MotoServer.shared.start()
        let (lake, queues) = try await AWSLakeTests.connect()
        defer { Task { try? await lake.shutdown() } }
        let root = "/SDLF/\(lake.environment)"
        let database = "acme_cli_\(lake.environment)_demoteam_legislators_db"
        let bootstrap = AWSBootstrap(lake: lake)
        try await bootstrap.apply(bootstrap.plan(queues: queues, databases: [database], parameterRoot: root))

        // Objects, metadata, catalog, a message: all through the ports.
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let location = ObjectLocation(.raw, try ObjectKey("demoteam/legislators/persons 1.json"))
        let info = try await lake.objects.put(Data(#"[{"name": "Ada"}]"#.utf8), at: location)
        let uri = lake.objects.uri(for: location)
        try await lake.metadata.upsertObjects([
            ObjectRecord(
                id: uri, zone: .raw, key: location.key.rawValue, bucket: lake.objects.container(of: .raw), size: info.size,
                lastModified: info.modifiedAt, timestamp: now, contentHash: info.contentHash, team: "demoteam", dataset: "legislators",
                table: "persons", pipelineStage: "raw")
        ])
        let table = CatalogTable(
            database: database, name: "persons",
            columns: [CatalogColumn(name: "name", type: "string", parquetType: "BYTE_ARRAY/STRING"), CatalogColumn(name: "id", type: "bigint")],
            partitionKeys: [CatalogColumn(name: "org", type: "string")],
            location: "s3://\(lake.layout.bucket(for: .analytics))/demoteam/legislators/persons/", createdAt: now, updatedAt: now)
        try await lake.catalog.upsertTable(table, change: "created")
        try await lake.catalog.upsertPartitions(
            database: database, table: "persons",
            [CatalogPartition(values: ["House of Representatives"], location: table.location + "org=House of Representatives/", fileCount: 1, rowCount: 7, createdAt: now, updatedAt: now)])
        let stageQueue = queues[0].name
        try await lake.queues.send([OutgoingMessage(body: location.key.rawValue, groupId: "demoteam-legislators", attributes: ["zone": "raw"])], to: stageQueue)

        // S3: the object, under the key we wrote, with the ETag we reported.
        let listing = try Self.aws(["s3api", "list-objects-v2", "--bucket", lake.objects.container(of: .raw)], endpoint: endpoint) as? [String: Any]
        let contents = listing?["Contents"] as? [[String: Any]] ?? []
        #expect(contents.map { $0["Key"] as? String } == ["demoteam/legislators/persons 1.json"])
        #expect((contents.first?["ETag"] as? String)?.replacingOccurrences(of: "\"", with: "") == info.contentHash)

        // DynamoDB: the Octagon row, with SDLF's attribute names.
        let scan = try Self.aws(["dynamodb", "scan", "--table-name", lake.tables.objects], endpoint: endpoint) as? [String: Any]
        let item = (scan?["Items"] as? [[String: Any]])?.first
        #expect((item?["id"] as? [String: String])?["S"] == uri)
        #expect((item?["stage"] as? [String: String])?["S"] == "raw")
        #expect((item?["dataset"] as? [String: String])?["S"] == "legislators")
        #expect((item?["size"] as? [String: String])?["N"] == String(info.size))

        // Glue: a Parquet table Athena can read, and its partition.
        let tables = try Self.aws(["glue", "get-tables", "--database-name", database], endpoint: endpoint) as? [String: Any]
        let glueTable = (tables?["TableList"] as? [[String: Any]])?.first
        let storage = glueTable?["StorageDescriptor"] as? [String: Any]
        #expect(glueTable?["Name"] as? String == "persons")
        #expect((storage?["SerdeInfo"] as? [String: Any])?["SerializationLibrary"] as? String == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
        #expect(storage?["InputFormat"] as? String == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        #expect((storage?["Columns"] as? [[String: Any]])?.compactMap { $0["Name"] as? String } == ["name", "id"])
        #expect((glueTable?["Parameters"] as? [String: String])?["classification"] == "parquet")
        let partitions = try Self.aws(["glue", "get-partitions", "--database-name", database, "--table-name", "persons"], endpoint: endpoint) as? [String: Any]
        let partition = (partitions?["Partitions"] as? [[String: Any]])?.first
        #expect(partition?["Values"] as? [String] == ["House of Representatives"])
        #expect((partition?["Parameters"] as? [String: String])?["numRows"] == "7")

        // SQS: the message, its group and attribute.
        let url = try #require(try await lake.queues.client.queueURL(name: stageQueue.rawValue))
        let received = try Self.aws(
            ["sqs", "receive-message", "--queue-url", url, "--attribute-names", "All", "--message-attribute-names", "All"], endpoint: endpoint)
            as? [String: Any]
        let message = (received?["Messages"] as? [[String: Any]])?.first
        #expect(message?["Body"] as? String == location.key.rawValue)
        #expect((message?["Attributes"] as? [String: String])?["MessageGroupId"] == "demoteam-legislators")
        #expect(((message?["MessageAttributes"] as? [String: Any])?["zone"] as? [String: Any])?["StringValue"] as? String == "raw")

        // SSM: the bootstrap's parameters.
        let parameters = try Self.aws(["ssm", "get-parameters-by-path", "--path", root, "--recursive"], endpoint: endpoint) as? [String: Any]
        let values = Dictionary(
            uniqueKeysWithValues: (parameters?["Parameters"] as? [[String: Any]] ?? []).compactMap { p -> (String, String)? in
                guard let name = p["Name"] as? String, let value = p["Value"] as? String else { return nil }
                return (name, value)
            })
        #expect(values["\(root)/S3/RawBucket"] == lake.layout.bucket(for: .raw))
        #expect(values["\(root)/Dynamo/ObjectCatalog"] == lake.tables.objects)
    }
}
