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
        #expect(raw.kind == .custom)
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
}
