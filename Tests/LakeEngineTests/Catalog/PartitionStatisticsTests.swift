import Foundation
import LakeTestSupport
import LakeCore
import LakeEngine
import LakeFormats
import Testing

/// The catalog's partition statistics against DuckDB's own count over the analytics files.
@Suite(.blocking) struct PartitionStatisticsTests {
    /// A space and a '/' (written `north%2Feast` on disk, as Hive escapes it).
    static let regions = ["eu", "asia pacific", "north/east"]

    /// `n` orders starting at `from`, spread over regions and four days.
    func orders(_ n: Int, from: Int) -> String {
        (from..<(from + n)).map { i in
            #"{"id":\#(i),"region":"\#(Self.regions[i % 3])","at":"2026-11-2\#(i % 4)T10:\#(10 + i % 50):00Z","amount":\#(i).5}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func partitionRowCountsMatchDuckDBAfterManyConcurrentBatches() async throws {
        let table = TableConfig(name: "orders", partitionBy: [.column("region"), .time(column: "at", granularity: .day)])
        let t = try await CatalogLake(tables: [table], maxItems: 4, maxConcurrent: 3)
        defer { t.remove() }
        var files: [String: String] = [:]
        for i in 0..<30 { files["o\(i).jsonl"] = orders(7 + i % 5, from: i * 100) }
        try await t.run(files, table: "orders")
        let executions = try await t.stageB()
        #expect(executions.count > 3, "several batches")
        #expect(executions.allSatisfy { $0.status == .completed }, "\(executions.compactMap(\.error))")

        let stored = try #require(try await t.table("orders"))
        #expect(stored.partitionKeys.map(\.name) == ["region", "year", "month", "day"])
        #expect(!stored.columns.map(\.name).contains("region"), "a value partition column lives in the path only")
        let partitions = try await t.catalog.allPartitions(database: t.database, table: "orders")
        let duck = try DuckDB.partitionCounts(t.directory("orders"), keys: ["region", "year", "month", "day"])
        var catalogCounts: [String: Int64] = [:]
        for p in partitions {
            catalogCounts[zip(["region", "year", "month", "day"], p.values).map { "\($0)=\($1)" }.joined(separator: "/")] = p.rowCount
        }
        #expect(partitions.count == 12)
        #expect(Set(partitions.map { $0.values[0] }) == Set(Self.regions), "values are stored unescaped")
        #expect(catalogCounts == duck.filter { !$0.key.isEmpty })
        let total = partitions.reduce(0) { $0 + $1.rowCount }
        #expect(total == duck[""])
        #expect(stored.parameters["recordCount"] == String(total))

        // Files and bytes are what is on disk.
        var files2 = 0
        for p in partitions {
            let dir = t.directory("orders").appendingPathComponent(
                "region=\(HivePartitionPath.escape(p.values[0]))/year=\(p.values[1])/month=\(p.values[2])/day=\(p.values[3])")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            let bytes = try names.reduce(Int64(0)) { sum, name in
                sum + ((try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size] as? Int64) ?? 0)
            }
            #expect(p.fileCount == names.count)
            #expect(p.sizeBytes == bytes)
            #expect(p.location == URL(fileURLWithPath: dir.path).absoluteString)
            #expect(p.location.hasSuffix("/"))
            files2 += names.count
        }
        #expect(stored.parameters["numFiles"] == String(files2))
    }

    @Test func crawlingTheSameOutputsAgainCountsThemOnce() async throws {
        let table = TableConfig(name: "orders", partitionBy: [.column("region")])
        let t = try await CatalogLake(tables: [table])
        defer { t.remove() }
        try await t.run(["a.jsonl": orders(40, from: 0)], table: "orders")
        let execution = try #require(try await t.stageB().first)
        let before = try await t.catalog.allPartitions(database: t.database, table: "orders")
        let tableBefore = try #require(try await t.table("orders"))

        // A retried execution overwrites its own files and crawls again.
        let written = try await t.written(by: execution, table: "orders")
        let env = t.lake.env
        let unit = try #require(Topology(config: env.config).datasets[t.ref])
        let crawler = CatalogCrawler(env: env)
        _ = try await crawler.crawl(dataset: unit, written: written, executionId: execution.id)
        _ = try await crawler.crawl(dataset: unit, written: written, executionId: execution.id)
        let after = try await t.catalog.allPartitions(database: t.database, table: "orders")
        #expect(after.map(\.values) == before.map(\.values))
        #expect(after.map(\.rowCount) == before.map(\.rowCount))
        #expect(after.map(\.fileCount) == before.map(\.fileCount))
        #expect(after.reduce(0) { $0 + $1.rowCount } == 40)
        #expect(try await t.table("orders")?.parameters["recordCount"] == tableBefore.parameters["recordCount"])
        #expect(try await t.history("orders").count == 1)
    }

    @Test func nonParquetOutputsAreLeftOut() async throws {
        let t = try await CatalogLake()
        defer { t.remove() }
        t.lake.config.pipelines[0].stageB?.transform = "concat"
        try await t.run(["a.jsonl": orders(3, from: 0)], table: "orders")
        let execution = try #require(try await t.stageB().first)
        #expect(execution.status == .completed)
        #expect(execution.details["crawler"] == "1 non-Parquet file(s) not catalogued")
        #expect(try await t.catalog.databases().isEmpty)
    }
}

extension Sequence {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
