import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// Files written by pyarrow (dictionary on/off, v1 and v2 pages, snappy/gzip/none, nulls, delta
/// and byte-stream-split encodings) and DuckDB (each codec, small row groups, PARQUET_VERSION V2),
/// read by ParquetReader.
@Suite("Parquet reader interop", .blocking)
struct ParquetReaderInteropTests {
    @Test("pyarrow and DuckDB files read with identical values")
    func foreignFiles() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        try Interop.python("parquet_make.py", [dir.path])
        let manifest = try Interop.json(dir.appendingPathComponent("manifest.json").path) as? [[String: Any]] ?? []
        #expect(manifest.count == 11)
        for entry in manifest {
            let path = entry["file"] as? String ?? ""
            let name = URL(fileURLWithPath: path).lastPathComponent
            let reader = try ParquetReader(url: URL(fileURLWithPath: path))
            #expect(reader.schema.fields.map(\.name) == (entry["names"] as? [String] ?? []), "\(name)")
            let expected = Interop.columns(entry)
            let actual = try Interop.canonicalColumns(reader)
            #expect(actual.count == expected.count, "\(name)")
            for (i, field) in reader.schema.fields.enumerated() where i < expected.count && i < actual.count {
                #expect(actual[i] == expected[i], "\(name) column \(field.name) as \(field.type)")
            }
            // Metadata renders without throwing and names the writer.
            let text = ParquetMetadataRenderer.text(reader.metadata, path: path)
            #expect(text.contains("created by:"))
            _ = try ParquetMetadataRenderer.json(reader.metadata)
        }
    }

    @Test("types map as documented")
    func typeMapping() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        try Interop.python("parquet_make.py", [dir.path])
        let reader = try ParquetReader(url: dir.appendingPathComponent("pa_default.parquet"))
        let types = Dictionary(uniqueKeysWithValues: reader.schema.fields.map { ($0.name, $0.type) })
        #expect(types["i8"] == .int32)
        #expect(types["u32"] == .int64)
        #expect(types["u64"] == .decimal(precision: 20, scale: 0))
        #expect(types["ts_ns"] == .timestamp(.micros))
        #expect(types["ts_ms"] == .timestamp(.millis))
        #expect(types["fixed"] == .binary)
        #expect(types["dec38"] == .decimal(precision: 38, scale: 10))
        #expect(types["d"] == .date)
        let stats = reader.metadata.rowGroups[0].columns[3].statistics
        #expect(stats?.minValue == .int(Int64.min))
        #expect(stats?.max == String(Int64.max))
    }
}
