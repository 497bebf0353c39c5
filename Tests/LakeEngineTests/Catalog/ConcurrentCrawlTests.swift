import Foundation
import LakeCore
import LakeEmbedded
import Testing

@testable import LakeEngine

/// Crawlers in two processes (each with its own lock) on one table: the table's statistics end
/// up counting both batches, whichever writes last.
@Suite struct ConcurrentCrawlTests {
    /// Holds back the statistics writes made through it until opened.
    actor Gate {
        private var isOpen = false
        private(set) var arrived = 0
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func pass() async {
            arrived += 1
            if isOpen { return }
            await withCheckedContinuation { waiters.append($0) }
        }

        func open() {
            isOpen = true
            for w in waiters { w.resume() }
            waiters = []
        }
    }

    /// A catalog whose statistics writes wait at a gate; everything else goes straight through.
    struct GatedCatalog: TableCatalog {
        let base: any TableCatalog
        let gate: Gate

        func upsertDatabase(_ database: CatalogDatabase) async throws { try await base.upsertDatabase(database) }
        func database(named name: String) async throws -> CatalogDatabase? { try await base.database(named: name) }
        func databases() async throws -> [CatalogDatabase] { try await base.databases() }
        func upsertTable(_ table: CatalogTable, change: String) async throws { try await base.upsertTable(table, change: change) }
        func upsertTable(_ table: CatalogTable, change: String, ifSchemaVersion expected: Int?) async throws -> Bool {
            if change == "statistics" { await gate.pass() }
            return try await base.upsertTable(table, change: change, ifSchemaVersion: expected)
        }
        func table(database: String, name: String) async throws -> CatalogTable? { try await base.table(database: database, name: name) }
        func tables(database: String) async throws -> [CatalogTable] { try await base.tables(database: database) }
        func schemaVersions(database: String, table: String) async throws -> [SchemaVersionRecord] {
            try await base.schemaVersions(database: database, table: table)
        }
        func upsertPartitions(database: String, table: String, _ partitions: [CatalogPartition]) async throws {
            try await base.upsertPartitions(database: database, table: table, partitions)
        }
        func partitions(database: String, table: String, after token: String?, limit: Int) async throws -> PartitionPage {
            try await base.partitions(database: database, table: table, after: token, limit: limit)
        }
    }

    static func orders(_ n: Int, from: Int, region: String) -> String {
        (from..<(from + n)).map { #"{"id":\#($0),"region":"\#(region)","amount":\#($0).5}"# }.joined(separator: "\n") + "\n"
    }

    @Test func aStaleSumWrittenLastIsTakenAgain() async throws {
        let t = try await CatalogLake(tables: [TableConfig(name: "orders", partitionBy: [.column("region")])])
        defer { t.remove() }
        try await t.run(["eu.jsonl": Self.orders(30, from: 0, region: "eu")], table: "orders")
        try await t.run(["us.jsonl": Self.orders(20, from: 100, region: "us")], table: "orders")
        let executions = try await t.stageB()
        #expect(executions.count == 2)

        // Each execution's outputs, as its crawl saw them (oldest execution first).
        var written: [[WrittenObject]] = []
        for execution in executions.reversed() { written.append(try await t.written(by: execution, table: "orders")) }

        // The same two crawls again, against an empty catalog, as two processes: the first
        // sums its partition and is held before writing; the second refreshes its own, sums
        // both and writes; then the first writes its (stale) sum.
        let env = t.lake.env
        let fresh = try SQLiteTableCatalog(url: t.lake.root.appendingPathComponent("fresh-catalog.sqlite"), clock: env.clock)
        let gate = Gate()
        var first = env
        first.catalog = GatedCatalog(base: fresh, gate: gate)
        var second = env
        second.catalog = fresh
        let unit = try #require(Topology(config: env.config).datasets[t.ref])
        let (firstCrawl, secondCrawl) = (CatalogCrawler(env: first), CatalogCrawler(env: second))
        let (firstWritten, firstID) = (written[0], executions[1].id)
        let held = Task { try await firstCrawl.crawl(dataset: unit, written: firstWritten, executionId: firstID) }
        while await gate.arrived == 0 { try await Task.sleep(for: .milliseconds(5)) }
        _ = try await secondCrawl.crawl(dataset: unit, written: written[1], executionId: executions[0].id)
        await gate.open()
        _ = try await held.value

        let table = try #require(try await fresh.table(database: t.database, name: "orders"))
        #expect(table.parameters["recordCount"] == "50", "the table counts both batches")
        let partitions = try await fresh.allPartitions(database: t.database, table: "orders")
        #expect(partitions.map(\.rowCount).sorted() == [20, 30])
    }
}
