import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Writing lake.yaml")
struct WriterTests {
    /// Writes `config`, loads the text back and expects an equal config.
    private func roundTrip(_ config: LakeConfig, registry: TransformCatalog = .builtIn, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = ConfigWriter.write(config)
        do {
            let loaded = try ConfigLoader.load(yaml: text, baseDirectory: config.baseDirectory, registry: registry)
            #expect(loaded == config, "round trip changed the config; text:\n\(text)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("written config does not load:\n\(error)\ntext:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("the reference example survives write -> load")
    func fullExample() throws {
        let config = try #require(Fixture.load(Fixture.full))
        try roundTrip(config)
    }

    @Test("awkward values survive write -> load")
    func awkwardValues() throws {
        let options: TransformOptions = [
            "yes": .string("yes"), "number": .string("1"), "float": .string("2.5"), "empty": .string(""),
            "colon": .string("a: b"), "hash": .string("#x"), "newline": .string("line 1\nline 2\ttab"),
            "unicode": .string("你好/😊 é"), "null text": .string("null"), "tilde": .string("~"), "date": .string("2024-01-01"),
            "quote": .string("say \"hi\" \\ back"), "dash": .string("- item"), "braces": .string("{x}"),
            "int": .int(-42), "double": .double(1e20), "small": .double(0.1), "whole": .double(3), "bool": .bool(false),
            "null": .null, "list": .array([.int(1), .array([]), .object([:])]), "nested": .object(["a b": .object(["c": .string("on")])]),
            "separator": .string("a\u{2028}b"), "control": .string("bell\u{07}"),
        ]
        let base = URL(fileURLWithPath: "/srv/lakes/one")
        let config = LakeConfig(
            environment: "prod", org: "acme", app: "lake2",
            storage: .embedded(EmbeddedStorageConfig(path: "/srv/lakes/one/data/lake")),
            pipelines: [
                PipelineConfig(
                    name: "main", stageA: StageAConfig(transform: "csv-normalize", concurrency: 8, options: options),
                    stageB: StageBConfig(transform: "concat", trigger: .every(.seconds(300)), minItems: 2, maxItems: 10_000,
                                         maxConcurrent: 1, timeout: .milliseconds(1500), options: ["level": .int(3)])),
                PipelineConfig(name: "light", kind: .custom, stageA: StageAConfig(transform: "passthrough")),
            ],
            teams: [TeamConfig(name: "alpha", description: "Team \"A\": the first"), TeamConfig(name: "beta")],
            datasets: [
                DatasetConfig(name: "orders", team: "alpha", pipeline: "main", stageB: StageOverride(transform: "heavy1"),
                              tables: [TableConfig(name: "line_items", schema: [
                                  ColumnSpec(name: "id", type: "int64", nullable: false), ColumnSpec(name: "price", type: "decimal(12,2)"),
                                  ColumnSpec(name: "at", type: "timestamp[us]"),
                              ], partitionBy: [.time(column: "at", granularity: .hour)], priority: "LOW",
                              raw: RawTableConfig(format: "csv", partitionScheme: "dt={yyyy-MM-dd}"))],
                              defaultPriority: "MID", schemaPolicy: .log),
                DatasetConfig(name: "orders", team: "beta", pipeline: "light", stageA: StageOverride(options: ["x": .string("y")])),
            ],
            wlm: WLMConfig(levels: ["HIGH", "MID", "LOW"], maxWait: ["LOW": .seconds(5400), "MID": .seconds(90)], defaultLevel: "MID", globalMaxConcurrent: 2),
            transforms: [NamedTransformConfig(name: "heavy1", stage: .b, uses: "command", options: ["command": .array([.string("./run.sh")])])],
            baseDirectory: base)
        try roundTrip(config)
        let text = ConfigWriter.write(config)
        #expect(text.contains("  path: data/lake\n"))
        #expect(text.contains("  alpha/orders:\n"))
        #expect(text.contains("  beta/orders:\n"))
        #expect(text.contains("      trigger: every 5m\n"))
        #expect(text.contains("      timeout: 1500ms\n"))
        #expect(text.contains("  max_wait: {MID: 1m30s, LOW: 1h30m}\n"))
    }

    @Test("aws storage survives write -> load")
    func awsStorage() throws {
        var config = try #require(Fixture.load(Fixture.minimal))
        config.storage = .aws(AWSStorageConfig(region: "eu-west-3", endpoint: "http://127.0.0.1:5000", buckets: 1, kmsKeyId: "alias/x", bucketPrefix: "acme-lake"))
        try roundTrip(config)
    }

    @Test("paths outside the config's directory stay absolute")
    func outsidePath() throws {
        #expect(ConfigWriter.relativePath("/srv/other", to: URL(fileURLWithPath: "/srv/lake")) == "/srv/other")
        #expect(ConfigWriter.relativePath("/srv/lake2", to: URL(fileURLWithPath: "/srv/lake")) == "/srv/lake2")
        #expect(ConfigWriter.relativePath("/srv/lake", to: URL(fileURLWithPath: "/srv/lake")) == ".")
        #expect(ConfigWriter.relativePath("/srv/lake/.lake", to: URL(fileURLWithPath: "/srv/lake/")) == ".lake")
    }

    @Test("sections come in a fixed order, each with a comment")
    func layout() throws {
        let text = ConfigWriter.write(try #require(Fixture.load(Fixture.full)))
        let sections = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("#") }.map { String($0.split(separator: ":")[0]) }
        #expect(sections == ["environment", "org", "app", "storage", "teams", "pipelines", "datasets", "wlm", "transforms"])
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("# ") }.count == 7)
        #expect(ConfigWriter.write(try #require(Fixture.load(Fixture.full))) == text)
    }

    @Test("durations are written so they read back exactly", arguments: [
        (Duration.seconds(1), "1s"), (.seconds(3600), "1h"), (.seconds(90_061), "1d1h1m1s"), (.milliseconds(250), "250ms"),
        (.milliseconds(1500), "1500ms"), (.zero, "0s"), (.nanoseconds(1_000_000_500), "1.0000005s"),
    ])
    func durations(duration: Duration, text: String) {
        #expect(YAMLText.duration(duration) == text)
        #expect(DurationText.parse(text) == duration)
    }
}

@Suite("Writing lake.yaml: wfm")
struct WFMWriterTests {
    @Test("the wfm section survives write -> load")
    func wfmRoundTrip() throws {
        var config = ConfigTemplates.demo(baseDirectory: URL(fileURLWithPath: "/srv/lakes/wfm"))
        config.wfm = WFMConfig(
            consumerInterval: .seconds(2), syncInterval: .seconds(90), catchUp: .seconds(7200),
            notify: WFMNotifyConfig(webhook: "http://127.0.0.1:9/hook", snsTopicArn: "arn:aws:sns:us-east-1:123456789012:wfm", routine: ["PENDING", "SUCCEEDED"]),
            tenants: [.object(["customerId": .string("acme"), "AMC": .object(["amcApiEndpoint": .string("http://127.0.0.1:8089/acme"), "auth": .string("none")]),
                               "maximumConcurrentWorkflowExecutions": .int(3)])],
            team: "analytics")
        let text = ConfigWriter.write(config)
        let loaded = try ConfigLoader.load(yaml: text, baseDirectory: config.baseDirectory, registry: .builtIn)
        #expect(loaded.wfm == config.wfm, "text:\n\(text)")
        #expect(loaded == config)
    }
}

@Suite struct CompactionConfigTests {
    @Test func compactionParsesValidatesAndRoundTrips() throws {
        let yaml = """
            environment: dev
            storage: {backend: embedded, path: .lake}
            teams: {sales: {}}
            pipelines: {main: {type: standard}}
            datasets:
              orders: {team: sales, pipeline: main, compaction: {after_files: 6, target_size: 64MB}}
            """
        let config = try ConfigLoader.load(yaml: yaml, baseDirectory: URL(fileURLWithPath: "/tmp"), registry: .builtIn)
        #expect(config.datasets.first?.compaction == CompactionConfig(afterFiles: 6, targetSize: 64 << 20))
        let again = try ConfigLoader.load(yaml: ConfigWriter.write(config), baseDirectory: URL(fileURLWithPath: "/tmp"), registry: .builtIn)
        #expect(again.datasets.first?.compaction == config.datasets.first?.compaction)
        let bad = yaml.replacingOccurrences(of: "after_files: 6, target_size: 64MB", with: "after_files: 1, target_size: 10KB")
        #expect(throws: (any Error).self) { try ConfigLoader.load(yaml: bad, baseDirectory: URL(fileURLWithPath: "/tmp"), registry: .builtIn) }
    }
}
