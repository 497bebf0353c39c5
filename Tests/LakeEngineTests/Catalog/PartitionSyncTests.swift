import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LakeCore
import LakeEngine
import Testing

/// The raw tables' partition job over trees laid out by hand.
@Suite struct PartitionSyncTests {
    /// Today for the tests: 2026-11-22 12:00 UTC, so the default window is 2026-11-15..2026-11-23.
    static let today = Date(timeIntervalSince1970: 1_795_348_800)

    static func lake(_ tables: [TableConfig]) async throws -> TestLake {
        try await TestLake(config: LakeConfig(
            environment: "test", org: "acme", app: "lake",
            pipelines: [PipelineConfig(name: "main", stageA: StageAConfig(transform: "json-flatten"), stageB: StageBConfig(transform: "parquet"))],
            teams: [TeamConfig(name: "sales")],
            datasets: [DatasetConfig(name: "orders", team: "sales", pipeline: "main", tables: tables)]))
    }

    static let tables = [
        TableConfig(name: "events", raw: RawTableConfig(format: "json", partitionScheme: "dt={yyyy-MM-dd}")),
        TableConfig(name: "clicks", raw: RawTableConfig(format: "csv", partitionScheme: "year={yyyy}/month={MM}/day={dd}")),
        TableConfig(name: "logs", raw: RawTableConfig(format: "json", partitionScheme: "discover")),
    ]

    /// Writes `files` (paths below `raw/sales/orders/`) into the raw zone by hand.
    static func lay(_ t: TestLake, _ files: [String: String]) throws {
        let base = t.zoneDirectory(.raw).appendingPathComponent("sales/orders")
        for (path, content) in files {
            let url = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }

    static func job(_ t: TestLake) -> PartitionSyncJob {
        var env = t.env
        env.clock = ManualClock(start: today)
        return PartitionSyncJob(env: env)
    }

    static func handLaidTree() -> [String: String] {
        var files: [String: String] = [:]
        for day in 10...23 where day != 17 && day != 21 {
            files["events/dt=2026-11-\(day)/part-0.json"] = #"{"id":\#(day),"name":"n","dt":"2026-11-\#(day)"}"# + "\n"
        }
        files["events/dt=notadate/x.json"] = "{}\n"
        files["events/foo/x.json"] = "{}\n"
        files["events/dt=2026-02-30/x.json"] = "{}\n"
        for day in 20...22 { files["clicks/year=2026/month=11/day=\(day)/c.csv"] = "id,page\n1,home\n2,cart\n" }
        files["clicks/year=2026/month=13/day=01/c.csv"] = "id,page\n1,x\n"
        files["clicks/year=2026/month=11/day=xx/c.csv"] = "id,page\n1,x\n"
        files["logs/region=eu/kind=a/l.json"] = #"{"msg":"a"}"# + "\n"
        files["logs/region=eu/kind=b/l.json"] = #"{"msg":"b"}"# + "\n"
        files["logs/region=us/kind=a/l.json"] = #"{"msg":"c"}"# + "\n"
        files["logs/region=ap/l.json"] = #"{"msg":"d"}"# + "\n"
        files["logs/junk/l.json"] = #"{"msg":"e"}"# + "\n"
        return files
    }

    @Test func registersWhatExistsReportsGapsAndMalformedNamesAndIsIdempotent() async throws {
        let t = try await Self.lake(Self.tables)
        defer { t.remove() }
        try Self.lay(t, Self.handLaidTree())
        let job = Self.job(t)
        let first = try await job.run(PartitionSyncJob.Request())
        #expect(first.failed == 0, "\(first.tables.compactMap(\.error))")
        let byTable = Dictionary(uniqueKeysWithValues: first.tables.map { ($0.table, $0) })
        let events = try #require(byTable["events"])
        #expect(events.database == "acme_lake_test_sales_orders_raw_db")
        #expect(events.createdTable)
        #expect(events.added.count == 12)
        #expect(events.added.first == "dt=2026-11-10/")
        #expect(Set(events.malformed.map(\.path)) == ["dt=notadate/", "foo/", "dt=2026-02-30/"])
        #expect(events.malformed.first { $0.path == "dt=2026-02-30/" }?.reason == "day 30 does not exist in 2026-02")
        #expect(events.missing == ["dt=2026-11-17/", "dt=2026-11-21/"])
        #expect(events.writeCalls == 2, "the table and one batch of partitions (clicks, first in order, created the database)")
        #expect(byTable["clicks"]?.writeCalls == 3, "the database, the table and one batch of partitions")

        let clicks = try #require(byTable["clicks"])
        #expect(clicks.added == ["year=2026/month=11/day=20/", "year=2026/month=11/day=21/", "year=2026/month=11/day=22/"])
        #expect(clicks.malformed.map(\.path).sorted() == ["year=2026/month=11/day=xx/", "year=2026/month=13/"])
        #expect(clicks.malformed.first { $0.path == "year=2026/month=13/" }?.reason == "month 13 is not 1-12")
        #expect(clicks.missing.count == 6)

        let logs = try #require(byTable["logs"])
        #expect(logs.keys == ["region", "kind"])
        #expect(logs.added == ["region=eu/kind=a/", "region=eu/kind=b/", "region=us/kind=a/"])
        #expect(Set(logs.malformed.map(\.path)) == ["region=ap/", "junk/"])

        // The catalog holds the tables, their columns and partitions.
        let catalog = t.catalog
        let db = events.database
        let eventsTable = try #require(try await catalog.table(database: db, name: "events"))
        #expect(eventsTable.format == .json)
        #expect(eventsTable.columns.map(\.name) == ["id", "name"], "the partition key is not a column")
        #expect(eventsTable.partitionKeys.map(\.name) == ["dt"])
        #expect(eventsTable.location.hasSuffix("/raw/sales/orders/events/"))
        let clicksTable = try #require(try await catalog.table(database: db, name: "clicks"))
        #expect(clicksTable.parameters["skip.header.line.count"] == "1")
        #expect(clicksTable.columns.map(\.type) == ["int", "string"])
        let eventPartitions = try await catalog.allPartitions(database: db, table: "events")
        #expect(eventPartitions.count == 12)
        #expect(eventPartitions.first?.location.hasSuffix("/raw/sales/orders/events/dt=2026-11-10/") == true)
        #expect(try await catalog.allPartitions(database: db, table: "logs").map(\.values).sorted { $0.joined() < $1.joined() } == [["eu", "a"], ["eu", "b"], ["us", "a"]])

        // Nothing changed: nothing written.
        let second = try await job.run(PartitionSyncJob.Request())
        #expect(second.added == 0)
        #expect(second.writeCalls == 0)
        #expect(second.skipped == 18)
        #expect(second.malformed == first.malformed)

        // One new day: one partition, one call.
        try Self.lay(t, ["events/dt=2026-11-24/part-0.json": #"{"id":24,"name":"n"}"# + "\n"])
        let third = try await job.run(PartitionSyncJob.Request())
        #expect(third.tables.first { $0.table == "events" }?.added == ["dt=2026-11-24/"])
        #expect(third.writeCalls == 1)
    }

    @Test func aWindowLimitsDiscoveryAndADryRunWritesNothing() async throws {
        let t = try await Self.lake(Self.tables)
        defer { t.remove() }
        try Self.lay(t, Self.handLaidTree())
        let job = Self.job(t)
        let window = PartitionWindow(from: try #require(.init(parsing: "2026-11-19")), to: try #require(.init(parsing: "2026-11-21")))
        let dry = try await job.run(PartitionSyncJob.Request(table: "events", window: window, dryRun: true))
        #expect(dry.dryRun)
        #expect(dry.tables.map(\.table) == ["events"])
        #expect(dry.tables[0].added == ["dt=2026-11-19/", "dt=2026-11-20/"])
        #expect(dry.tables[0].missing == ["dt=2026-11-21/"])
        #expect(dry.writeCalls == 0)
        #expect(try await t.catalog.databases().isEmpty)

        let windowed = try await job.run(PartitionSyncJob.Request(window: window))
        let clicks = try #require(windowed.tables.first { $0.table == "clicks" })
        #expect(clicks.added == ["year=2026/month=11/day=20/", "year=2026/month=11/day=21/"])
        #expect(clicks.listings == 3, "the root, year=2026/ and year=2026/month=11/ only")
        #expect(try await t.catalog.allPartitions(database: clicks.database, table: "events").count == 2)
        // A full run afterwards adds the rest of the history.
        let full = try await job.run(PartitionSyncJob.Request(table: "events"))
        #expect(full.added == 10)
        #expect(full.skipped == 2)
    }

    @Test func unknownTablesAndChangedLayoutsAreReported() async throws {
        let t = try await Self.lake(Self.tables)
        defer { t.remove() }
        try Self.lay(t, Self.handLaidTree())
        await #expect(throws: LakeError.self) { try await Self.job(t).run(PartitionSyncJob.Request(table: "nope")) }
        await #expect(throws: LakeError.self) { try await Self.job(t).run(PartitionSyncJob.Request(database: "nope_db")) }
        _ = try await Self.job(t).run(PartitionSyncJob.Request())
        t.config.datasets[0].tables[0].raw?.partitionScheme = "day={yyyy-MM-dd}"
        let report = try await Self.job(t).run(PartitionSyncJob.Request())
        let events = try #require(report.tables.first { $0.table == "events" })
        #expect(events.error?.contains("partition keys [dt] differ from the layout's [day]") == true)
        #expect(report.failed == 1)
        #expect(report.tables.filter { $0.error == nil }.count == 2, "the other tables carry on")
    }

    @Test func tenThousandPartitionsRegisterOnceThenNothing() async throws {
        let t = try await Self.lake([TableConfig(name: "big", raw: RawTableConfig(format: "json", partitionScheme: "dt={yyyy-MM-dd}"))])
        let base = t.zoneDirectory(.raw).appendingPathComponent("sales/orders/big")
        defer {
            // Deleting 20,000 entries takes ~20 s on a busy disk: `rm` does it after the test.
            _ = try? ChildProcess.launch("/bin/rm", ["-rf", t.root.path])
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Plain POSIX calls and day arithmetic: Foundation's file helpers and Calendar are slow here.
        var day = PartitionDate(year: 1999, month: 1, day: 1)
        var failures = 0
        let building = ContinuousClock.now
        for _ in 0..<10_000 {
            let dir = base.path + "/dt=" + String(day.description.prefix(10))
            let fd = mkdir(dir, 0o755) == 0 ? open(dir + "/part-0.json", O_WRONLY | O_CREAT | O_TRUNC, 0o644) : -1
            if fd < 0 { failures += 1 }
            _ = #"{"v":1}"#.withCString { write(fd, $0, 7) }
            close(fd)
            day.day += 1
            if day.day > PartitionDate.daysIn(month: day.month, year: day.year) {
                day.day = 1
                day.month += 1
                if day.month > 12 { (day.month, day.year) = (1, day.year + 1) }
            }
        }
        #expect(failures == 0)
        print("built 10,000 partition directories in \(ContinuousClock.now - building)")
        let job = Self.job(t)
        let clock = ContinuousClock()
        var began = clock.now
        let first = try await job.run(PartitionSyncJob.Request())
        let firstTime = clock.now - began
        began = clock.now
        let second = try await job.run(PartitionSyncJob.Request())
        let secondTime = clock.now - began
        print("partition sync of 10,000 partitions: first run \(firstTime), second run \(secondTime)")
        #expect(first.added == 10_000)
        #expect(first.writeCalls == 102, "database, table and 100 calls of 100 partitions")
        #expect(second.added == 0)
        #expect(second.skipped == 10_000)
        #expect(second.writeCalls == 0)
        #expect(try await t.catalog.allPartitions(database: first.tables[0].database, table: "big").count == 10_000)
    }
}
