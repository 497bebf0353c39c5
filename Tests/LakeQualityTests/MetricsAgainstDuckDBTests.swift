import Foundation
import LakeFormats
import LakeQuality
import LakeTestSupport
import Testing

/// The metrics a quality check computes equal DuckDB's SQL on the same Parquet files (written
/// by pyarrow, in two files, with nulls): exact counts and sums, moments to 1e-9 relative.
@Suite(.blocking) struct MetricsAgainstDuckDBTests {
    static let writer = """
        import sys, random
        import pyarrow as pa, pyarrow.parquet as pq
        random.seed(7)
        out = sys.argv[1]
        for part in range(2):
            n = 30000
            base = part * n
            ids = list(range(base, base + n))
            country = [random.choice(["US", "DE", "FR", None, "JP"]) for _ in range(n)]
            amount = [None if random.random() < 0.1 else round(random.uniform(-50, 5000), 2) for _ in range(n)]
            qty = [random.randint(0, 40) for _ in range(n)]
            score = [q * 1.5 + random.gauss(0, 3) for q in qty]
            code = [random.choice(["a1", "b22", "c333", "dup", "dup"]) + ("" if random.random() < 0.5 else str(random.randint(0, 9))) for _ in range(n)]
            t = pa.table({"id": pa.array(ids, pa.int64()), "country": pa.array(country, pa.string()),
                          "amount": pa.array(amount, pa.float64()), "qty": pa.array(qty, pa.int32()),
                          "score": pa.array(score, pa.float64()), "code": pa.array(code, pa.string())})
            pq.write_table(t, f"{out}/part-{part}.parquet", row_group_size=7000)
        """

    static let duck = """
        import sys, json, duckdb
        g = sys.argv[1] + "/*.parquet"
        c = duckdb.connect()
        q = lambda s: c.execute(s.replace("T", f"read_parquet('{g}')")).fetchone()
        r = {}
        r["rows"], = q("select count(*) from T")
        for col in ["country", "amount", "qty", "code"]:
            r[col + ".present"], r[col + ".distinct"] = q(f"select count({col}), count(distinct {col}) from T")
            r[col + ".singletons"], = q(f"select count(*) from (select {col} from T where {col} is not null group by {col} having count(*) = 1)")
            r[col + ".entropy"], = q(f"select -sum(n / (select count(*) from T) * ln(n / (select count(*) from T))) from (select count(*) n from T where {col} is not null group by {col})")
        for col in ["amount", "qty", "score"]:
            r[col + ".sum"], r[col + ".mean"], r[col + ".stddev"], r[col + ".min"], r[col + ".max"] = q(f"select sum({col}), avg({col}), stddev_pop({col}), min({col}), max({col}) from T")
        r["corr"], = q("select corr(qty, score) from T")
        r["us"], = q("select count(*) from T where country in ('US', 'DE')")
        r["len"], = q("select count(*) from T where length(code) <= 3")
        r["match"], = q("select count(*) from T where regexp_full_match(code, '[a-d][0-9]*')")
        print(json.dumps(r))
        """

    @Test func metricsEqualDuckDB() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dq-duck-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Subprocess.python(Self.writer, [dir.path])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(try Subprocess.python(Self.duck, [dir.path]).utf8)) as? [String: Any])
        func number(_ key: String) throws -> Double { try #require((expected[key] as? NSNumber)?.doubleValue, "\(key)") }

        let rules = try DQDLParser.parse("""
            Rules = [
                RowCount > 0, Completeness "country" > 0, Completeness "amount" > 0, Completeness "qty" > 0, Completeness "code" > 0,
                DistinctValuesCount "country" > 0, DistinctValuesCount "amount" > 0, DistinctValuesCount "qty" > 0, DistinctValuesCount "code" > 0,
                Uniqueness "amount" >= 0, Entropy "country" > 0, Entropy "qty" > 0, Entropy "code" > 0, Uniqueness "code" >= 0,
                Sum "amount" > 0, Sum "qty" > 0, Sum "score" > 0, Mean "amount" > 0, Mean "qty" > 0, Mean "score" > 0,
                StandardDeviation "amount" > 0, StandardDeviation "qty" > 0, StandardDeviation "score" > 0,
                ColumnCorrelation "qty" "score" > 0.5,
                ColumnValues "country" in ["US", "DE"] with threshold > 0,
                ColumnLength "code" <= 3 with threshold > 0,
                ColumnValues "code" matches "[a-d][0-9]*" with threshold > 0
            ]
            """)
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.pathExtension == "parquet" }
        let report = try QualityCheck.run(rules, files: files)
        #expect(report.passed, "\(report.blocking)")
        func metric(_ name: String, _ column: String) throws -> Double {
            try #require(report.metrics.first { $0.name == name && $0.column == column }?.value, "\(name) \(column)")
        }
        let rows = try number("rows")
        #expect(Double(report.rows) == rows)
        for col in ["country", "amount", "qty", "code"] {
            #expect(try metric("Completeness", col) == (try number("\(col).present")) / rows, "completeness \(col)")
            #expect(try metric("DistinctValuesCount", col) == (try number("\(col).distinct")), "distinct \(col)")
        }
        for col in ["amount", "code"] {
            #expect(try metric("Uniqueness", col) == (try number("\(col).singletons")) / rows, "uniqueness \(col)")
        }
        for col in ["country", "qty", "code"] {
            #expect(Self.close(try metric("Entropy", col), try number("\(col).entropy")), "entropy \(col)")
        }
        for col in ["amount", "qty", "score"] {
            #expect(Self.close(try metric("Sum", col), try number("\(col).sum")), "sum \(col)")
            #expect(Self.close(try metric("Mean", col), try number("\(col).mean")), "mean \(col)")
            #expect(Self.close(try metric("StandardDeviation", col), try number("\(col).stddev")), "stddev \(col)")
            #expect(try metric("Minimum", col) == (try number("\(col).min")), "min \(col)")
            #expect(try metric("Maximum", col) == (try number("\(col).max")), "max \(col)")
        }
        #expect(try metric("Sum", "qty") == (try number("qty.sum")), "an integer sum is exact")
        #expect(Self.close(try metric("ColumnCorrelation", "qty,score"), try number("corr")))
        let observed = report.results.map(\.observed)
        #expect(observed[24] == (try number("us")) / rows, "ColumnValues in [...]")
        #expect(observed[25] == (try number("len")) / rows, "ColumnLength")
        #expect(observed[26] == (try number("match")) / rows, "ColumnValues matches")
    }

    /// Past the exact bound, the distinct count is a HyperLogLog estimate within its stated error.
    @Test func approximateDistinctIsWithinItsError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dq-hll-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Subprocess.python(Self.writer, [dir.path])
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.pathExtension == "parquet" }
        let report = try QualityCheck.run(
            try DQDLParser.parse(#"Rules = [ DistinctValuesCount "id" > 0, Uniqueness "id" > 0 ]"#), files: files,
            options: AnalysisOptions(exactFrequencyLimit: 10_000))
        let estimate = try #require(report.metrics.first { $0.name == "DistinctValuesCount" && $0.column == "id" }?.value)
        let error = HyperLogLog.relativeStandardError(precision: HyperLogLog.defaultPrecision)
        #expect(abs(estimate - 60_000) / 60_000 < 3 * error, "estimate \(estimate)")
        #expect(report.results[1].outcome == .error, "uniqueness needs exact counts")
        #expect(report.results[1].message.contains("HyperLogLog"))
    }

    /// The exact-count budget is shared by a scan's columns: past it, the column holding the
    /// most values turns into a sketch and the others stay exact.
    @Test func theExactBudgetGoesToTheLargestColumnFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dq-budget-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Subprocess.python(Self.writer, [dir.path])
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.pathExtension == "parquet" }
        let report = try QualityCheck.run(
            try DQDLParser.parse(#"Rules = [ Uniqueness "id" > 0, Uniqueness "amount" >= 0 ]"#), files: files,
            options: AnalysisOptions(exactFrequencyLimit: 70_000, threads: 1))
        #expect(report.results[0].outcome == .error, "id, the largest, became a sketch: \(report.results[0].message)")
        #expect(report.results[1].outcome == .pass, "amount stayed exact: \(report.results[1].message)")
    }

    static func close(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
}
