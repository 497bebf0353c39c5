import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Loading lake.yaml")
struct LoaderTests {
    @Test("the reference example loads into the model")
    func fullExample() throws {
        let config = try #require(Fixture.load(Fixture.full))
        #expect(config.environment == "dev")
        #expect(config.org == "acme")
        #expect(config.storage == .embedded(EmbeddedStorageConfig(path: "/tmp/swiftlake-config-tests/.lake")))
        #expect(config.teams == [TeamConfig(name: "demoteam", description: "Demo team"), TeamConfig(name: "other")])
        let main = try #require(config.pipeline(named: "main"))
        #expect(main.stageA == StageAConfig(transform: "json-flatten", concurrency: 4, options: ["drop_nested": .bool(true)]))
        #expect(main.stageB == StageBConfig(transform: "parquet", trigger: .event, options: ["compression": .string("snappy")]))
        let raw = try #require(config.pipeline(named: "raw"))
        #expect(raw.type == "custom")
        #expect(raw.stageB == nil)
        #expect(config.datasets.map(\.ref.description) == ["demoteam/legislators", "other/legislators"])
        let legislators = config.datasets[0]
        #expect(legislators.stageB == StageOverride(transform: "enrich", options: ["extra": .int(1)]))
        #expect(legislators.defaultPriority == "LOW")
        let persons = try #require(legislators.table(named: "persons"))
        #expect(persons.priority == "HIGH")
        #expect(persons.schema.map(\.name) == ["id", "name", "born", "party", "updated_at"])
        #expect(persons.schema[4].type == "timestamp[ms]")
        #expect(persons.partitionBy == [.column("party"), .time(column: "updated_at", granularity: .day)])
        #expect(persons.raw == RawTableConfig(format: "json", partitionScheme: "year={yyyy}/month={MM}/day={dd}"))
        #expect(legislators.table(named: "memberships") == TableConfig(name: "memberships"))
        #expect(config.wlm == WLMConfig(levels: ["HIGH", "LOW"], maxWait: ["LOW": .seconds(600)], defaultLevel: "LOW", globalMaxConcurrent: 4))
        #expect(config.transforms == [NamedTransformConfig(
            name: "enrich", stage: .b, uses: "command",
            options: ["command": .array([.string("python3"), .string("enrich.py")]), "timeout": .string("10m")])])
    }

    @Test("defaults apply to everything left out")
    func defaults() throws {
        let config = try #require(Fixture.load(Fixture.minimal))
        #expect(config.environment == "dev")
        #expect(config.org == "swiftlake")
        #expect(config.app == "datalake")
        #expect(config.storage == .embedded(EmbeddedStorageConfig(path: "/tmp/swiftlake-config-tests/.lake")))
        #expect(config.baseDirectory == Fixture.base)
        let main = try #require(config.pipelines.first)
        #expect(main.type == "standard")
        #expect(main.stageA == StageAConfig(transform: "json-flatten", concurrency: 8))
        #expect(main.stageB == StageBConfig(transform: "parquet", trigger: .event, minItems: 1, maxItems: 100, maxConcurrent: 3, timeout: .seconds(3600)))
        #expect(config.datasets == [DatasetConfig(name: "legislators", team: "demoteam", pipeline: "main")])
        #expect(config.wlm == WLMConfig(levels: ["HIGH", "LOW"], maxWait: [:], defaultLevel: "LOW"))
        #expect(config.transforms.isEmpty)
    }

    @Test("an empty file or a file of comments is the default config")
    func emptyDocument() throws {
        for text in ["", "# nothing here yet\n"] {
            let config = try #require(Fixture.load(text))
            #expect(config == LakeConfig(
                storage: .embedded(EmbeddedStorageConfig(path: "/tmp/swiftlake-config-tests/.lake")), baseDirectory: Fixture.base))
        }
    }

    @Test("without wlm.default the lowest level is the default")
    func defaultLevel() throws {
        let config = try #require(Fixture.load(Fixture.minimal + "wlm: {levels: [P1, P2, P3]}\n"))
        #expect(config.wlm.defaultLevel == "P3")
    }

    @Test("relative storage paths resolve against the config file's directory", arguments: [
        ("data/lake", "/tmp/swiftlake-config-tests/data/lake"),
        ("../shared/lake", "/tmp/shared/lake"),
        ("./.lake/", "/tmp/swiftlake-config-tests/.lake"),
        (".", "/tmp/swiftlake-config-tests"),
        ("/var/lib/lake", "/var/lib/lake"),
    ])
    func storagePaths(written: String, resolved: String) throws {
        let config = try #require(Fixture.load("storage: {path: \"\(written)\"}\n" + Fixture.minimal))
        #expect(config.storage == .embedded(EmbeddedStorageConfig(path: resolved)))
    }

    @Test("load(url:) resolves against the file's directory, wherever the process runs")
    func loadFromFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lakeyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lake.yaml")
        try ("storage: {path: data}\n" + Fixture.minimal).write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(url: file, registry: .builtIn)
        #expect(config.storage == .embedded(EmbeddedStorageConfig(path: directory.appendingPathComponent("data").standardizedFileURL.path)))

        let missing = directory.appendingPathComponent("other.yaml")
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(url: missing, registry: .builtIn) }
        do {
            _ = try ConfigLoader.load(url: missing, registry: .builtIn)
        } catch {
            #expect(error.file == "other.yaml")
            #expect(error.issues.first?.hint == "create one with `lake init`")
        }
    }

    @Test("teams: a mapping with or without details, or a list of names or mappings")
    func teamForms() throws {
        let base = "pipelines: {main: }\n"
        let list = try #require(Fixture.load(base + "teams: [{name: alpha, description: First}, beta]\n"))
        #expect(list.teams == [TeamConfig(name: "alpha", description: "First"), TeamConfig(name: "beta")])
        let mapping = try #require(Fixture.load(base + "teams:\n  alpha: First team\n  beta:\n  gamma: {description: Third}\n"))
        #expect(mapping.teams == [TeamConfig(name: "alpha", description: "First team"), TeamConfig(name: "beta"), TeamConfig(name: "gamma", description: "Third")])
    }

    @Test("YAML merge keys share settings between sections")
    func mergeKeys() throws {
        let yaml = """
            teams: [demoteam]
            pipelines:
              main:
                stage_b: &batch {transform: parquet, max_items: 50, options: {compression: zstd}}
              other:
                stage_b:
                  <<: *batch
                  max_items: 20
            datasets:
              legislators: {pipeline: main}
            """
        let config = try #require(Fixture.load(yaml))
        #expect(config.pipelines[1].stageB == StageBConfig(transform: "parquet", maxItems: 20, options: ["compression": .string("zstd")]))
    }

    @Test("options keep their YAML types; quoted values stay text")
    func optionTypes() throws {
        let yaml = Fixture.minimal.replacingOccurrences(
            of: "stage_a: {transform: json-flatten}",
            with: "stage_a: {transform: json-flatten, options: {a: 1, b: 2.5, c: true, d: null, e: \"1\", f: [x, 2], g: {h: no}, i: 2024-01-01}}")
        let config = try #require(Fixture.load(yaml))
        #expect(config.pipelines[0].stageA.options == [
            "a": .int(1), "b": .double(2.5), "c": .bool(true), "d": .null, "e": .string("1"),
            "f": .array([.string("x"), .int(2)]), "g": .object(["h": .bool(false)]), "i": .string("2024-01-01"),
        ])
    }
}
