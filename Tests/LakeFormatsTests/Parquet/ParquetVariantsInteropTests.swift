import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// The layouts real writers produce (parquet_variants.py): pyarrow with every codec, page
/// version and dictionary setting, the DELTA_* / BYTE_STREAM_SPLIT / RLE encodings, INT96,
/// FLOAT16, decimals, page indexes, empty tables and row groups, all-null columns; DuckDB with
/// every codec and both Parquet versions. Each is read by ParquetReader and compared value by
/// value with what pyarrow reads.
@Suite("Parquet reader: real writers' layouts", .blocking)
struct ParquetVariantsInteropTests {
    @Test("every file reads with the values pyarrow reads; types and encodings as written")
    func realWriters() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        try Interop.python("parquet_variants.py", [dir.path])
        let manifest = try Interop.json(dir.appendingPathComponent("manifest.json").path) as? [[String: Any]] ?? []
        #expect(manifest.count == 48)
        try sameValuesAsPyarrow(manifest)
        try types(manifest)
        try encodingsCovered(manifest)
    }

    func sameValuesAsPyarrow(_ manifest: [[String: Any]]) throws {
        for entry in manifest {
            let path = entry["file"] as? String ?? ""
            let note = entry["note"] as? String ?? path
            let reader = try ParquetReader(url: URL(fileURLWithPath: path))
            #expect(reader.schema.fields.map(\.name) == (entry["names"] as? [String] ?? []), "\(note)")
            #expect(reader.rowGroupCount == entry["row_groups"] as? Int, "\(note)")
            #expect(reader.numRows == Int64(entry["rows"] as? Int ?? -1), "\(note)")
            let expected = Interop.columns(entry)
            let actual = try Interop.canonicalColumns(reader)
            #expect(actual.count == expected.count, "\(note)")
            if let difference = Interop.difference(actual, expected, names: reader.schema.fields.map(\.name)) {
                Issue.record("\(note): \(difference)")
            }
        }
    }

    /// FLOAT16 reads as float, INT96 as timestamp, decimals keep precision and scale.
    func types(_ manifest: [[String: Any]]) throws {
        func reader(_ note: String) throws -> ParquetReader {
            let entry = manifest.first { $0["note"] as? String == note }
            return try ParquetReader(url: URL(fileURLWithPath: entry?["file"] as? String ?? "/missing"))
        }
        let plain = try reader("pa_snappy_v1_dict")
        let types = Dictionary(uniqueKeysWithValues: plain.schema.fields.map { ($0.name, $0.type) })
        #expect(types["half"] == .float)
        #expect(types["dec3"] == .decimal(precision: 3, scale: 1))
        #expect(types["dec25"] == .decimal(precision: 25, scale: 4))
        #expect(types["dec38"] == .decimal(precision: 38, scale: 10))
        let int96 = try reader("pa_int96_snappy")
        #expect(int96.schema.fields.map(\.type) == [.int32, .timestamp(.micros), .timestamp(.micros)])
        #expect(int96.metadata.columns[1].physicalType == "INT96")
        let first = try int96.readRowGroup(0)
        #expect(first.row(5)[1] == .timestamp(1_700_000_000_123_456, .micros))  // 1_700_000_000_123_456_789 ns
    }

    /// The encodings and codecs asked for are the ones in the files.
    func encodingsCovered(_ manifest: [[String: Any]]) throws {
        var seen = Set<String>()
        var codecs = Set<String>()
        for entry in manifest {
            let reader = try ParquetReader(url: URL(fileURLWithPath: entry["file"] as? String ?? ""))
            for group in reader.metadata.rowGroups {
                for chunk in group.columns {
                    seen.formUnion(chunk.encodings)
                    codecs.insert(chunk.codec)
                }
            }
        }
        for encoding in [
            "PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "RLE", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY",
            "DELTA_BYTE_ARRAY", "BYTE_STREAM_SPLIT",
        ] {
            #expect(seen.contains(encoding), "no file uses \(encoding)")
        }
        #expect(codecs.isSuperset(of: ["UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"]), "\(codecs)")
    }
}
