import Foundation
import LakeFormats
import Testing

/// Writer throughput on batches shaped like the CSV -> Parquet benchmark. Off by default; run
/// `SWIFTLAKE_BENCH=1 swift test -c release --filter ParquetBenchmark` (the rows via
/// SWIFTLAKE_BENCH_ROWS, default 2,000,000). Reports thread CPU time, since wall time on a shared
/// machine is noise, and the MB/s of CSV input that much data represents (~150 bytes a row).
@Suite("Parquet writer benchmark")
struct ParquetBenchmarkTests {
    @Test("writer throughput", .enabled(if: ProcessInfo.processInfo.environment["SWIFTLAKE_BENCH"] != nil))
    func throughput() throws {
        let rows = Int(ProcessInfo.processInfo.environment["SWIFTLAKE_BENCH_ROWS"] ?? "") ?? 2_000_000
        var batches: [RecordBatch] = []
        var start = 0
        while start < rows {
            let n = min(65_536, rows - start)
            batches.append(SyntheticBatches.batch(start: start, count: n))
            start += n
        }
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        for codec in ParquetCompression.allCases {
            let (wall, cpu, summary) = try SyntheticBatches.timeWrite(
                batches, to: dir.appendingPathComponent("bench.parquet"), options: ParquetWriterOptions(compression: codec))
            let mbps = Double(rows * SyntheticBatches.csvBytesPerRow) / cpu / 1e6
            print(String(format: "parquet writer %@: %d rows, cpu %.3f s (wall %.3f s), %.0f MB/s CSV-equivalent, %d bytes",
                         codec.rawValue, rows, cpu, wall, mbps, summary.fileBytes))
            #expect(summary.rows == Int64(rows))
        }
    }
}
