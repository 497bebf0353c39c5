import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// Files written by SwiftLake, read back by pyarrow and DuckDB.
@Suite("Parquet writer interop", .blocking)
struct ParquetWriterInteropTests {
    static let batches = [AllTypesFixture.batch(start: 0, count: 1700), AllTypesFixture.batch(start: 1700, count: 1300)]

    func write(_ url: URL, _ options: ParquetWriterOptions) throws -> ParquetFileSummary {
        let writer = try ParquetWriter(url: url, schema: AllTypesFixture.schema, options: options)
        for b in Self.batches { try writer.write(b) }
        return try writer.close()
    }

    @Test("every type and codec reads back identically in pyarrow and DuckDB", arguments: ParquetCompression.allCases)
    func everyType(codec: ParquetCompression) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("all.parquet")
        var options = ParquetWriterOptions(compression: codec, rowGroupRows: 1000, pageBytes: 2048)
        options.keyValueMetadata = ["origin": "test"]
        let summary = try write(file, options)
        #expect(summary.rows == 3000)
        #expect(summary.rowGroups == 3)
        let expected = Interop.canonicalColumns(Self.batches)

        for engine in ["pyarrow", "duckdb"] {
            let out = dir.appendingPathComponent("\(engine).json").path
            try Interop.python("parquet_dump.py", [engine, file.path, out])
            let json = try Interop.json(out)
            let columns = Interop.columns(json)
            #expect(columns.count == expected.count)
            for (i, field) in AllTypesFixture.schema.fields.enumerated() where i < columns.count {
                #expect(columns[i] == expected[i], "\(engine) column \(field.name)")
            }
            let stats = (json as? [String: Any])?["stats"] as? [[[String: Any]]] ?? []
            #expect(stats.count == 3, "\(engine) row groups")
            for group in stats {
                for (i, field) in AllTypesFixture.schema.fields.enumerated() where i < group.count {
                    let hasMin = engine == "pyarrow" ? (group[i]["has_min_max"] as? Bool ?? false) : group[i]["min"] is String
                    // DuckDB hides infinite float bounds (for pyarrow's files too), so only
                    // pyarrow judges the float columns, whose bounds here are ±infinity.
                    let floating = field.type == .float || field.type == .double
                    if engine == "pyarrow" || !floating {
                        #expect(hasMin == (field.name != "all_null"), "\(engine) statistics of \(field.name)")
                    }
                    #expect(group[i]["null_count"] != nil, "\(engine) null count of \(field.name)")
                }
            }
            if engine == "pyarrow", let dict = json as? [String: Any] {
                #expect((dict["created_by"] as? String) == "swiftlake version 0.1.0 (build dev)")
                let kv = dict["key_value"] as? [String: String] ?? [:]
                #expect(kv["origin"] == "test")
                #expect(kv["swiftlake.schema"]?.contains("\"decimal(38,0)\"") == true)
            }
        }
    }

    @Test("statistics follow the float zero rule, unsigned string order and exclude NaN")
    func statisticsValues() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("stats.parquet")
        let schema = Schema([
            Field(name: "f", type: .double), Field(name: "s", type: .string), Field(name: "i", type: .int32),
        ])
        var s = ByteArrayColumn()
        for text in ["b", "é", "a", "Z"] { s.append(text.utf8) }
        let batch = RecordBatch(
            schema: schema,
            columns: [
                Column(values: .double([0.0, .nan, -0.0, 0.0])), Column(values: .bytes(s)),
                Column(values: .int32([5, -7, 3, 0]), validity: [true, true, false, true]),
            ], rowCount: 4)
        let writer = try ParquetWriter(url: file, schema: schema)
        try writer.write(batch)
        let summary = try writer.close()
        #expect(summary.columns[1].min == .string("Z"))
        #expect(summary.columns[1].max == .string("é"))
        #expect(summary.columns[2].nullCount == 1)
        #expect(summary.columns[2].min == .int(-7))

        let out = dir.appendingPathComponent("pa.json").path
        try Interop.python("parquet_dump.py", ["pyarrow", file.path, out])
        let stats = ((try Interop.json(out) as? [String: Any])?["stats"] as? [[[String: Any]]])?.first ?? []
        #expect(stats.count == 3)
        #expect(stats.first?["min"] as? String == "-0.0")
        #expect(stats.first?["max"] as? String == "0.0")
        #expect(stats.dropFirst().first?["min"] as? String == "Z")
        #expect(stats.dropFirst().first?["max"] as? String == "é")
        #expect(stats.last?["min"] as? String == "-7")
        #expect(stats.last?["max"] as? String == "5")
        #expect(stats.last?["null_count"] as? Int == 1)
    }

    @Test("dictionary falls back to PLAIN when it outgrows its limit; files stay readable")
    func dictionaryFallback() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("fallback.parquet")
        let schema = Schema([Field(name: "s", type: .string), Field(name: "n", type: .int64, nullable: false)])
        var s = ByteArrayColumn()
        for i in 0..<20_000 { s.append("value-\(i % 5000)-padding".utf8) }
        let batch = RecordBatch(
            schema: schema, columns: [Column(values: .bytes(s)), Column(values: .int64((0..<20_000).map { Int64($0 % 3000) }))],
            rowCount: 20_000)
        var options = ParquetWriterOptions(dictionaryPageLimit: 16 * 1024)
        options.pageBytes = 8 * 1024
        let writer = try ParquetWriter(url: file, schema: schema, options: options)
        try writer.write(batch)
        _ = try writer.close()

        let out = dir.appendingPathComponent("pa.json").path
        try Interop.python("parquet_dump.py", ["pyarrow", file.path, out])
        let json = try Interop.json(out)
        #expect(Interop.columns(json) == Interop.canonicalColumns([batch]))
        let stats = ((json as? [String: Any])?["stats"] as? [[[String: Any]]])?.first ?? []
        for column in stats {
            let encodings = column["encodings"] as? [String] ?? []
            #expect(encodings.contains("PLAIN") && encodings.contains("RLE_DICTIONARY"), "\(encodings)")
        }
        let duck = dir.appendingPathComponent("duck.json").path
        try Interop.python("parquet_dump.py", ["duckdb", file.path, duck])
        #expect(Interop.columns(try Interop.json(duck)) == Interop.canonicalColumns([batch]))

        let reader = try ParquetReader(url: file)
        #expect(try Interop.canonicalColumns(reader) == Interop.canonicalColumns([batch]))
    }
}
