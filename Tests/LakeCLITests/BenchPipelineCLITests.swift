import Foundation
import LakeTestSupport
import Testing

/// `lake bench pipeline` as a script uses it: both stage-B transforms in one call, a result
/// per transform, and a clear refusal of a transform it does not know. (The rates are for the
/// benchmark to print, not for tests to judge.)
@Suite(.blocking)
struct BenchPipelineCLITests {
    @Test func bothTransformsRunAndArePrinted() throws {
        let dir = try TempDir()
        let result = try LakeBinary.run(
            ["bench", "pipeline", "--files", "60", "--samples", "2", "--transform", "both", "--dir", dir.url.appendingPathComponent("b").path, "--json"],
            in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try #require(result.json as? [[String: Any]])
        #expect(runs.compactMap { $0["transforms"] as? String } == ["json-flatten -> parquet", "json-flatten -> concat"])
        for run in runs {
            #expect(run["stageAExecutions"] as? Int == 60, "\(run)")
            #expect(run["failed"] as? Int == 0, "\(run)")
            #expect(run["latencySamples"] as? Int == 2, "\(run)")
            #expect((run["filesPerSecond"] as? Double ?? 0) > 0, "\(run)")
        }

        let text = try LakeBinary.run(["bench", "pipeline", "--files", "20", "--samples", "0", "--transform", "concat"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("pipeline json-flatten -> concat: 20 files"), "\(text.stdout)")
        #expect(text.stdout.contains("(target >= 2500)"), "\(text.stdout)")

        let unknown = try LakeBinary.run(["bench", "pipeline", "--transform", "gzip"], in: dir.url)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--transform must be parquet, concat or both"), "\(unknown.stderr)")
    }
}
