import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("catalog: partition_sync")
struct CatalogSectionTests {
    @Test("defaults when absent: every 10 minutes, 7 days back to tomorrow")
    func defaults() throws {
        let config = try #require(Fixture.load(Fixture.minimal))
        #expect(config.catalog == CatalogConfig())
        #expect(config.catalog.partitionSync.interval == .seconds(600))
        #expect(config.catalog.partitionSync.lookbackDays == 7)
        #expect(config.catalog.partitionSync.lookaheadDays == 1)
        #expect(!ConfigWriter.write(config).contains("catalog:"), "a default section is not written")
    }

    @Test("values and `off` load, and survive write -> load")
    func valuesRoundTrip() throws {
        for (text, interval) in [("90s", Duration.seconds(90)), ("1h", .seconds(3600)), ("off", nil)] {
            let yaml = Fixture.minimal + "\ncatalog:\n  partition_sync: {interval: \(text), lookback_days: 30, lookahead_days: 0}\n"
            let config = try #require(Fixture.load(yaml))
            #expect(config.catalog.partitionSync == PartitionSyncConfig(interval: interval, lookbackDays: 30, lookaheadDays: 0))
            let again = try ConfigLoader.load(yaml: ConfigWriter.write(config), baseDirectory: Fixture.base, registry: Fixture.registry)
            #expect(again == config)
        }
    }

    @Test("bad values and unknown keys are reported with their paths")
    func problems() throws {
        let yaml = Fixture.minimal + """

            catalog:
              partition_sync: {interval: 500ms, lookback_days: -1, lookahead_days: 400, every: 5m}
              crawler: yes
            """
        let issues = Fixture.issues(yaml)
        #expect(Set(issues.map(\.path)) == [
            "catalog.crawler", "catalog.partition_sync.every", "catalog.partition_sync.interval",
            "catalog.partition_sync.lookback_days", "catalog.partition_sync.lookahead_days",
        ])
        #expect(issues.count == 5)
        #expect(issues.first { $0.path == "catalog.partition_sync.interval" }?.message == "the partition sync interval must be at least 1s")
    }
}
