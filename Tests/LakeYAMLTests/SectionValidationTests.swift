import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Validation: storage, tables, unknown keys")
struct SectionValidationTests {
    @Test("aws storage: endpoint, bucket count, prefix, and keys of the other backend")
    func awsStorage() throws {
        let yaml = """
            storage:
              backend: aws
              region: us-east-1
              endpoint: not a url
              buckets: 2
              path: .lake
              bucket_prefix: Acme_
            """ + "\n" + Fixture.minimal
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["storage.endpoint", "storage.buckets", "storage.path", "storage.bucket_prefix"])
        #expect(issues.map(\.line) == [4, 5, 6, 7])
        #expect(issues[1].message == "buckets must be 1 or 3, not 2")
        #expect(issues[2].message == "key 'path' does not apply to the aws backend")
    }

    @Test("a valid aws section loads")
    func awsLoads() throws {
        let yaml = "storage: {backend: aws, region: eu-west-3, endpoint: \"http://127.0.0.1:5000\", buckets: 1, kms_key_id: alias/lake}\n"
        let config = try #require(Fixture.load(yaml + Fixture.minimal))
        #expect(config.storage == .aws(AWSStorageConfig(region: "eu-west-3", endpoint: "http://127.0.0.1:5000", buckets: 1, kmsKeyId: "alias/lake")))
    }

    @Test("storage backend and embedded keys", arguments: [
        ("storage: {backend: s3}\n", "storage.backend", "unknown storage backend 's3'"),
        ("storage: {region: us-east-1}\n", "storage.region", "key 'region' does not apply to the embedded backend"),
        ("storage: {backend: aws, region: useast}\n", "storage.region", "'useast' is not an AWS region name"),
        ("storage: {path: \"\"}\n", "storage.path", "the lake path is empty"),
    ])
    func storageKeys(line: String, path: String, message: String) throws {
        let issues = Fixture.issues(line + Fixture.minimal)
        #expect(issues.map(\.path) == [path])
        #expect(issues.first?.message == message)
        #expect(issues.first?.line == 1)
    }

    @Test("schemas, partitions and raw layouts of a table")
    func tables() throws {
        let yaml = Fixture.minimal + """
                tables:
                  persons:
                    schema: {id: int64, name: strin, born: date, Id: string}
                    partition_by: [party, {time: id}, {time: born, granularity: week}]
                    raw: {format: xml, partitions: "year={yyyy}/day={dd}"}
                  people:
                    partition_by: [anything, {time: whatever, granularity: hour}]
                    raw: {partitions: "dt={yyyy-MM-dd}"}

            """
        let issues = Fixture.issues(yaml)
        let prefix = "datasets.legislators.tables.persons."
        #expect(issues.map(\.path) == [
            prefix + "schema.name", prefix + "schema.Id",
            prefix + "partition_by[0]", prefix + "partition_by[1]", prefix + "partition_by[2].granularity",
            prefix + "raw.format", prefix + "raw.partitions",
        ])
        #expect(issues.map(\.line) == [13, 13, 14, 14, 14, 15, 15])
        #expect(issues[0].message == "unknown column type 'strin'")
        #expect(issues[0].hint?.hasPrefix("did you mean 'string'?") == true)
        #expect(issues[1].message == "column 'Id' is listed more than once")
        #expect(issues[2].message == "partition column 'party' is not in the table's schema")
        #expect(issues[3].message == "time partition column 'id' has type int64")
        #expect(issues[6].message.contains("year, month, day, hour in order"))
    }

    @Test("schema forms: mapping, mapping of {type, nullable}, list of {name, type, nullable}")
    func schemaForms() throws {
        let yaml = Fixture.minimal + """
                tables:
                  a:
                    schema: {id: int64, ts: {type: timestamp, nullable: false}}
                  b:
                    schema:
                      - {name: id, type: "decimal(12,2)", nullable: false}
                      - name: born
                        type: date
                    partition_by: [{time: born, granularity: month}]

            """
        let config = try #require(Fixture.load(yaml))
        let tables = config.datasets[0].tables
        #expect(tables[0].schema == [ColumnSpec(name: "id", type: "int64"), ColumnSpec(name: "ts", type: "timestamp", nullable: false)])
        #expect(tables[1].schema == [ColumnSpec(name: "id", type: "decimal(12,2)", nullable: false), ColumnSpec(name: "born", type: "date")])
        #expect(tables[1].partitionBy == [.time(column: "born", granularity: .month)])
    }

    @Test("raw partition layouts", arguments: [
        ("dt={yyyy-MM-dd}", true), ("year={yyyy}/month={MM}/day={dd}", true), ("year={yyyy}/month={MM}/day={dd}/hour={HH}", true),
        ("discover", true), ("dt={yyyyMMdd}/hour={HH}", true),
        ("dt={dd-MM-yyyy}", false), ("year={yyyy}/year={MM}", false), ("year=yyyy", false), ("Year={yyyy}", false),
        ("", false), ("year={yyyy}//month={MM}", false), ("dt={yyyy-MM-dd}/hour={MM}", false),
    ])
    func rawLayouts(layout: String, valid: Bool) {
        let isValid = if case .success = RawPartitionScheme.parse(layout) { true } else { false }
        #expect(isValid == valid)
    }

    @Test("unknown keys are errors with a did-you-mean suggestion")
    func unknownKeys() throws {
        let yaml = """
            pipeline:
              main:
            teams: [demoteam]
            pipelines:
              main:
                stage_b: {max_itmes: 5}
            datasets:
              legislators:
                tabels: {}
                colour: red
            """
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["pipeline", "pipelines.main.stage_b.max_itmes", "datasets.legislators.tabels", "datasets.legislators.colour"])
        #expect(issues.map(\.message) == ["unknown key 'pipeline'", "unknown key 'max_itmes'", "unknown key 'tabels'", "unknown key 'colour'"])
        #expect(issues.map(\.line) == [1, 6, 9, 10])
        #expect(issues[1].column == 15)
        #expect(issues[0].hint?.hasPrefix("did you mean 'pipelines'? valid keys here: environment, org, app,") == true)
        #expect(issues[1].hint?.hasPrefix("did you mean 'max_items'?") == true)
        #expect(issues[2].hint?.hasPrefix("did you mean 'tables'?") == true)
        #expect(issues[3].hint == "valid keys here: team, pipeline, stage_a, stage_b, default_priority, schema_policy, compaction, quality, tables")
    }

    @Test("a value the parser rejected is reported once, not again by validation")
    func noRepeats() throws {
        let yaml = Fixture.minimal.replacingOccurrences(of: "stage_a: {transform: json-flatten}", with: "stage_a: {transform: [a, b], concurrency: many}")
            .replacingOccurrences(of: "  demoteam:", with: "  demoteam: [x]")
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["teams.demoteam", "pipelines.main.stage_a.transform", "pipelines.main.stage_a.concurrency"])
        #expect(issues[1].message == "expected text, found a list")
    }
}
