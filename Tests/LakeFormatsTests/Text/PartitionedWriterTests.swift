import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

@Suite("Partitioned Parquet writer", .blocking)
struct PartitionedWriterTests {
    static func inputs(_ d: TempDir) -> [URL] {
        var a = ""
        for i in 0..<120 {
            let org = ["acme", "b/c co", "d=e"][i % 3]
            let hour = String(format: "%02d", i % 4)
            a += "{\"id\": \(i), \"org\": \"\(org)\", \"at\": \"2026-11-2\(i % 2 + 1)T\(hour):30:00Z\", \"v\": \(Double(i) / 2)}\n"
        }
        a += "{\"id\": 999, \"org\": null, \"at\": \"2026-11-21T00:00:00Z\", \"v\": 1}\n"
        let b = "[{\"id\": 1000, \"org\": \"acme\", \"at\": \"2026-11-22T07:00:00Z\", \"v\": 2, \"extra\": \"x\"}]"
        return [d.file("a.jsonl", a), d.file("b.json", b)]
    }

    @Test("layout, names, escaping, and counts read back by DuckDB with hive_partitioning")
    func layout() throws {
        let d = TempDir()
        let out = d.path("out")
        let r = try PartitionedParquetWriter.write(
            inputs: Self.inputs(d), to: out,
            options: PartitionedWriteOptions(batchId: "b1", partitions: [.value("org"), .time("at", .day)]))
        #expect(r.rows == 122)
        #expect(r.fileSchema.fields.map(\.name) == ["id", "at", "v", "extra"])
        #expect(r.partitionKeys.map(\.name) == ["org", "year", "month", "day"])
        let paths = r.files.map(\.relativePath)
        #expect(paths.contains("org=acme/year=2026/month=11/day=21/part-b1-0.parquet"))
        #expect(paths.contains("org=b%2Fc co/year=2026/month=11/day=22/part-b1-0.parquet"))
        #expect(paths.contains("org=d%3De/year=2026/month=11/day=21/part-b1-0.parquet"))
        #expect(paths.contains("org=__HIVE_DEFAULT_PARTITION__/year=2026/month=11/day=21/part-b1-0.parquet"))
        let acme22 = try #require(r.files.first { $0.relativePath.hasPrefix("org=acme/year=2026/month=11/day=22/") })
        #expect(acme22.partitionValues.map(\.value) == ["acme", "2026", "11", "22"])
        #expect(acme22.columns.first { $0.name == "id" }?.max == .int(1000))
        for f in r.files { #expect(FileManager.default.fileExists(atPath: f.url.path)) }
        let script = """
            import sys, duckdb
            rows = duckdb.sql("SELECT org, day, count(*) FROM read_parquet('%s/**/*.parquet', hive_partitioning=true) GROUP BY ALL ORDER BY ALL" % sys.argv[1]).fetchall()
            print(rows)
            print(duckdb.sql("SELECT count(*), sum(id) FROM read_parquet('%s/**/*.parquet', hive_partitioning=true)" % sys.argv[1]).fetchall())
            """
        let printed = try python(script, [out.path])
        #expect(printed.contains("('acme', 21, 20)"))
        #expect(printed.contains("('b/c co', 22, 20)"))
        #expect(printed.contains("[(122, \(Array(0..<120).reduce(0, +) + 999 + 1000))]"))
    }

    @Test("deterministic: same inputs and batch id give the same files and bytes")
    func deterministic() throws {
        let d = TempDir()
        let inputs = Self.inputs(d)
        let opts = PartitionedWriteOptions(batchId: "7", partitions: [.time("at", .hour)], maxRowsPerFile: 7)
        let r1 = try PartitionedParquetWriter.write(inputs: inputs, to: d.path("o1"), options: opts)
        let r2 = try PartitionedParquetWriter.write(inputs: inputs, to: d.path("o2"), options: opts)
        #expect(r1.files.map(\.relativePath) == r2.files.map(\.relativePath))
        #expect(r1.files.contains { $0.relativePath == "year=2026/month=11/day=21/hour=00/part-7-2.parquet" })
        for (a, b) in zip(r1.files, r2.files) {
            #expect(try Data(contentsOf: a.url) == Data(contentsOf: b.url))
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: d.path("o1").path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("Hive escaping")
    func escaping() {
        #expect(HivePartitionPath.escape("a/b:c=d%e") == "a%2Fb%3Ac%3Dd%25e")
        #expect(HivePartitionPath.escape("") == HivePartitionPath.defaultPartition)
        #expect(HivePartitionPath.segment("k", nil) == "k=__HIVE_DEFAULT_PARTITION__")
        #expect(HivePartitionPath.escape("naïve x") == "naïve x")
    }

    @Test("a CSV input, an explicit schema, and an unknown partition column")
    func csvAndErrors() throws {
        let d = TempDir()
        let input = d.file("t.csv", "id,country\n1,DE\n2,FR\n3,DE\n")
        let schema = Schema([Field(name: "id", type: .int64), Field(name: "country", type: .string)])
        let r = try PartitionedParquetWriter.write(
            inputs: [input], to: d.path("o"), options: PartitionedWriteOptions(batchId: "x", partitions: [.value("country")], schema: schema))
        #expect(r.files.map(\.relativePath) == ["country=DE/part-x-0.parquet", "country=FR/part-x-0.parquet"])
        #expect(r.files.map(\.rows) == [2, 1])
        #expect(throws: FormatError.self) {
            _ = try PartitionedParquetWriter.write(
                inputs: [input], to: d.path("o2"), options: PartitionedWriteOptions(batchId: "x", partitions: [.value("nope")]))
        }
    }
}
