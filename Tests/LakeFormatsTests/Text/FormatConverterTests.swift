import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

@Suite("Format converter", .blocking)
struct FormatConverterTests {
    /// Compares the Parquet file with pyarrow's own reading of the CSV, column by column, for
    /// the columns whose types both agree on. Prints mismatches; empty output means equal.
    static let compareScript = #"""
    import sys, json, pyarrow as pa, pyarrow.csv as pc, pyarrow.parquet as pq
    t = pq.read_table(sys.argv[2])
    ref = pc.read_csv(sys.argv[1], convert_options=pc.ConvertOptions(
        null_values=["", "NULL", "null", "NA"], strings_can_be_null=True, quoted_strings_can_be_null=False))
    problems = []
    if t.num_rows != ref.num_rows: problems.append("rows %d vs %d" % (t.num_rows, ref.num_rows))
    def norm(col):
        if pa.types.is_timestamp(col.type):
            return col.cast(pa.timestamp("ms", tz=col.type.tz)).cast(pa.int64()).to_pylist()
        if pa.types.is_date(col.type):
            return col.cast(pa.date32()).cast(pa.int32()).to_pylist()
        if pa.types.is_integer(col.type):
            return col.cast(pa.int64()).to_pylist()
        return col.to_pylist()
    for name in ref.column_names:
        a, b = norm(t.column(name)), norm(ref.column(name))
        if a != b:
            bad = next(i for i in range(len(a)) if a[i] != b[i])
            problems.append("%s differs at row %d: %r vs %r (%s vs %s)" % (name, bad, a[bad], b[bad], t.column(name).type, ref.column(name).type))
    print("\n".join(problems))
    """#

    static func sampleCSV(rows: Int, tail: String = "") -> String {
        var s = "id,name,price,active,day,at,note\n"
        for i in 0..<rows {
            let note = i % 3 == 0 ? "" : "\"n, \"\"\(i)\"\"\""
            let price = i % 5 == 0 ? "NA" : "\(Double(i) * 1.25)"
            s += "\(i),\"name \(i % 7)\",\(price),\(i % 2 == 0 ? "true" : "false"),2026-01-\(String(format: "%02d", i % 28 + 1)),"
            s += "2026-11-22T07:\(String(format: "%02d", i % 60)):00.\(String(format: "%03d", i % 1000))Z,\(note)\n"
        }
        return s + tail
    }

    @Test("CSV round trip matches pyarrow's reading of the same CSV", arguments: [true, false])
    func roundTrip(_ parallel: Bool) throws {
        let d = TempDir()
        let input = d.file("in.csv", Self.sampleCSV(rows: 5000))
        let output = d.path("out.parquet")
        let s = try FormatConverter.convert(
            input: input, output: output,
            options: ConvertOptions(csv: CSVOptions(batchRows: 777), parallel: parallel))
        #expect(s.rows == 5000 && s.passes == 1 && s.widenings.isEmpty)
        #expect(s.schema.fields.map(\.type) == [.int32, .string, .double, .bool, .date, .timestamp(.millis), .string])
        let problems = try python(Self.compareScript, [input.path, output.path])
        #expect(problems.trimmingCharacters(in: .whitespacesAndNewlines) == "")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: d.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a misfit after the sample rewrites the file once with the widened schema")
    func widening() throws {
        let d = TempDir()
        let input = d.file("in.csv", Self.sampleCSV(rows: 3000, tail: "5000000000,x,abc,true,2026-01-01,2026-01-01,\n"))
        let output = d.path("out.parquet")
        let s = try FormatConverter.convert(
            input: input, output: output,
            options: ConvertOptions(csv: CSVOptions(batchRows: 500), inference: InferenceOptions(sampleRows: 1000)))
        #expect(s.passes == 2)
        #expect(s.rows == 3001)
        #expect(Set(s.widenings.map(\.column)) == ["id", "price"])
        #expect(s.schema.fields.map(\.type) == [.int64, .string, .string, .bool, .date, .timestamp(.millis), .string])
        let types = try python(
            "import sys, pyarrow.parquet as pq; print(','.join(str(f.type) for f in pq.read_schema(sys.argv[1])))",
            [output.path])
        #expect(types.trimmingCharacters(in: .whitespacesAndNewlines) == "int64,string,string,bool,date32[day],timestamp[ms, tz=UTC],string")
    }

    @Test("an explicit schema wins; a value that does not fit is an error and leaves no file")
    func explicitSchema() throws {
        let d = TempDir()
        let input = d.file("in.csv", "id,v,extra\n1,2.5,x\n2,,y\n")
        let output = d.path("out.parquet")
        let schema = Schema([Field(name: "v", type: .decimal(precision: 5, scale: 2)), Field(name: "id", type: .int64, nullable: false)])
        let s = try FormatConverter.convert(input: input, output: output, options: ConvertOptions(schema: schema))
        #expect(s.schema == schema && s.rows == 2)
        let values = try python(
            "import sys, pyarrow.parquet as pq; t = pq.read_table(sys.argv[1]); print(t.column('v').to_pylist(), t.column('id').to_pylist(), t.column_names)",
            [output.path])
        #expect(values.trimmingCharacters(in: .whitespacesAndNewlines) == "[Decimal('2.50'), None] [1, 2] ['v', 'id']")
        let bad = d.file("bad.csv", "id\n1\nx\n")
        let badOut = d.path("bad.parquet")
        let e = formatError {
            _ = try FormatConverter.convert(input: bad, output: badOut, options: ConvertOptions(schema: Schema([Field(name: "id", type: .int64)])))
        }
        #expect(e?.code == .invalidValue && e?.context.line == 3 && e?.context.column == "id")
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.url.path).sorted() == ["bad.csv", "in.csv", "out.parquet"])
    }

    @Test("JSON Lines: a key first seen after the sample adds a column")
    func jsonNewKey() throws {
        let d = TempDir()
        var text = ""
        for i in 0..<300 { text += "{\"id\": \(i), \"user\": {\"name\": \"u\(i)\"}, \"tags\": [\(i)]}\n" }
        text += "{\"id\": 300, \"late\": 1.5}\n"
        let input = d.file("in.jsonl", text)
        let output = d.path("out.parquet")
        let s = try FormatConverter.convert(
            input: input, output: output, options: ConvertOptions(inference: InferenceOptions(sampleRows: 100)))
        #expect(s.passes == 2 && s.rows == 301)
        #expect(s.schema.fields.map(\.name) == ["id", "user.name", "tags", "late"])
        let out = try python(
            "import sys, pyarrow.parquet as pq; t = pq.read_table(sys.argv[1]); print(t.column('late').to_pylist()[-2:], t.column('user.name').to_pylist()[:2], t.column('tags').to_pylist()[299])",
            [output.path])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "[None, 1.5] ['u0', 'u1'] [299]")
    }

    /// Benchmark hook for scripts/bench_convert.py: converts LAKE_BENCH_CSV to LAKE_BENCH_OUT
    /// (LAKE_BENCH_COMPRESSION picks the codec, default snappy).
    /// Skipped unless the variables are set; run from a release build.
    @Test("convertBenchmark", .enabled(if: ProcessInfo.processInfo.environment["LAKE_BENCH_CSV"] != nil))
    func convertBenchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let input = URL(fileURLWithPath: env["LAKE_BENCH_CSV"] ?? "")
        let output = URL(fileURLWithPath: env["LAKE_BENCH_OUT"] ?? "/tmp/lake-bench.parquet")
        var options = ConvertOptions(parallel: env["LAKE_BENCH_SERIAL"] == nil)
        if let codec = env["LAKE_BENCH_COMPRESSION"].flatMap(ParquetCompression.init(rawValue:)) { options.compression = codec }
        let s = try FormatConverter.convert(input: input, output: output, options: options)
        print("convertBenchmark rows=\(s.rows) seconds=\(s.seconds) out=\(s.outputBytes) passes=\(s.passes)")
    }
}
