import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// SwiftLake writer -> SwiftLake reader, plus the writer's contract (summary, errors).
@Suite("Parquet round trip", .blocking)
struct ParquetRoundTripTests {
    @Test("every type round-trips through every codec, with and without dictionaries",
          arguments: ParquetCompression.allCases, [true, false])
    func roundTrip(codec: ParquetCompression, dictionary: Bool) throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("rt.parquet")
        let batches = [AllTypesFixture.batch(start: 0, count: 900), AllTypesFixture.batch(start: 900, count: 1100)]
        let options = ParquetWriterOptions(compression: codec, rowGroupRows: 700, pageBytes: 1024, dictionary: dictionary)
        let writer = try ParquetWriter(url: file, schema: AllTypesFixture.schema, options: options)
        for b in batches { try writer.write(b) }
        let summary = try writer.close()
        #expect(summary.rowGroups == 3)
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
        #expect(Int64(size ?? 0) == summary.fileBytes)

        let reader = try ParquetReader(url: file)
        #expect(reader.schema == AllTypesFixture.schema)
        #expect(reader.numRows == 2000)
        #expect(try Interop.canonicalColumns(reader) == Interop.canonicalColumns(batches))
        let rows = try reader.rows()
        #expect(rows.count == 2000)
        #expect(rows[1].map(Interop.canonical) == batches[0].row(1).map(Interop.canonical))
        #expect(rows[1999].map(Interop.canonical) == batches[1].row(1099).map(Interop.canonical))
        #expect(reader.metadata.createdBy == "swiftlake version 0.1.0 (build dev)")
        let chunk = reader.metadata.rowGroups[0].columns[0]
        #expect(chunk.codec == (codec == .none ? "UNCOMPRESSED" : codec.rawValue.uppercased()))
        #expect(chunk.statistics?.minValue == .int(-1000))
    }

    @Test("summary reports nulls, min and max per column over all row groups")
    func summary() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let schema = Schema([Field(name: "x", type: .int64), Field(name: "t", type: .timestamp(.millis))])
        let writer = try ParquetWriter(
            url: dir.appendingPathComponent("s.parquet"), schema: schema, options: ParquetWriterOptions(rowGroupRows: 2))
        try writer.write(RecordBatch(
            schema: schema,
            columns: [Column(values: .int64([5, 0, -3, 9]), validity: [true, false, true, true]), Column(values: .int64([10, 20, 30, 40]))],
            rowCount: 4))
        let s = try writer.close()
        #expect(s.rows == 4 && s.rowGroups == 2)
        #expect(s.columns[0].nullCount == 1)
        #expect(s.columns[0].min == .int(-3) && s.columns[0].max == .int(9))
        #expect(s.columns[1].min == .timestamp(10, .millis) && s.columns[1].max == .timestamp(40, .millis))
    }

    @Test("row groups close at the byte bound as well as the row bound")
    func rowGroupBytes() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("bytes.parquet")
        var options = ParquetWriterOptions(compression: .none, rowGroupBytes: 64 * 1024, pageBytes: 8 * 1024)
        options.dictionary = false
        let writer = try ParquetWriter(url: file, schema: SyntheticBatches.schema, options: options)
        let batch = SyntheticBatches.batch(start: 0, count: 20_000)
        try writer.write(batch)
        let s = try writer.close()
        #expect(s.rowGroups > 5)
        let reader = try ParquetReader(url: file)
        #expect(reader.metadata.rowGroups.allSatisfy { $0.totalByteSize < 64 * 1024 + 70 * 1024 })
        #expect(try Interop.canonicalColumns(reader) == Interop.canonicalColumns([batch]))
    }

    @Test("long string bounds are left out of the statistics, the null count stays")
    func longStatistics() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let schema = Schema([Field(name: "s", type: .string)])
        var s = ByteArrayColumn()
        s.append([UInt8](repeating: 65, count: 5000))
        s.append("b".utf8)
        s.appendEmpty()
        let writer = try ParquetWriter(url: dir.appendingPathComponent("l.parquet"), schema: schema)
        try writer.write(RecordBatch(schema: schema, columns: [Column(values: .bytes(s), validity: [true, true, false])], rowCount: 3))
        let summary = try writer.close()
        #expect(summary.columns[0].min == nil && summary.columns[0].nullCount == 1)
        let stats = try ParquetReader(url: dir.appendingPathComponent("l.parquet")).metadata.rowGroups[0].columns[0].statistics
        #expect(stats?.min == nil && stats?.nullCount == 1)
    }

    @Test("an empty file has a schema and no row groups")
    func emptyFile() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("empty.parquet")
        let writer = try ParquetWriter(url: file, schema: AllTypesFixture.schema)
        let s = try writer.close()
        #expect(s.rows == 0 && s.rowGroups == 0)
        let reader = try ParquetReader(url: file)
        #expect(reader.rowGroupCount == 0 && reader.schema == AllTypesFixture.schema)
        let out = dir.appendingPathComponent("pa.json").path
        try Interop.python("parquet_dump.py", ["pyarrow", file.path, out])
    }

    @Test("bad batches and misuse throw FormatError")
    func misuse() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let schema = Schema([Field(name: "a", type: .int64, nullable: false)])
        let writer = try ParquetWriter(url: dir.appendingPathComponent("m.parquet"), schema: schema)
        let wrongType = RecordBatch(schema: schema, columns: [Column(values: .double([1]))], rowCount: 1)
        #expect(throws: FormatError.self) { try writer.write(wrongType) }
        let nulls = RecordBatch(schema: schema, columns: [Column(values: .int64([1]), validity: [false])], rowCount: 1)
        let error = #expect(throws: FormatError.self) { try writer.write(nulls) }
        #expect(error?.code == .schemaMismatch)
        #expect(error?.description.contains("column=a") == true)
        let short = RecordBatch(schema: schema, columns: [Column(values: .int64([1]))], rowCount: 2)
        #expect(throws: FormatError.self) { try writer.write(short) }
        try writer.write(RecordBatch(schema: schema, columns: [Column(values: .int64([1, 2]))], rowCount: 2))
        _ = try writer.close()
        #expect(throws: FormatError.self) { _ = try writer.close() }
        #expect(throws: FormatError.self) { _ = try ParquetWriter(url: dir.appendingPathComponent("x.parquet"), schema: Schema([])) }
        let decimal = Schema([Field(name: "d", type: .decimal(precision: 20, scale: 2))])
        let w2 = try ParquetWriter(url: dir.appendingPathComponent("d.parquet"), schema: decimal)
        var tooWide = ByteArrayColumn()
        tooWide.append([UInt8](repeating: 0x7F, count: 12))
        #expect(throws: FormatError.self) {
            try w2.write(RecordBatch(schema: decimal, columns: [Column(values: .bytes(tooWide))], rowCount: 1))
        }
    }

    @Test("the writer can be handed to another thread")
    func crossThread() async throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let file = dir.appendingPathComponent("t.parquet")
        let writer = try ParquetWriter(url: file, schema: AllTypesFixture.schema)
        try await Task.detached {
            try writer.write(AllTypesFixture.batch(start: 0, count: 100))
        }.value
        try writer.write(AllTypesFixture.batch(start: 100, count: 100))
        let s = try writer.close()
        #expect(s.rows == 200)
        #expect(try ParquetReader(url: file).numRows == 200)
    }
}

/// The background writer produces the same file as the synchronous one and reports errors.
@Suite("Background Parquet writer", .blocking)
struct BackgroundParquetWriterTests {
    @Test("same values as the synchronous writer")
    func sameFile() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let batches = (0..<6).map { AllTypesFixture.batch(start: $0 * 400, count: 400) }
        let writer = try BackgroundParquetWriter(
            url: dir.appendingPathComponent("bg.parquet"), schema: AllTypesFixture.schema,
            options: ParquetWriterOptions(rowGroupRows: 1000), maxQueuedBatches: 1)
        for b in batches { try writer.write(b) }
        let summary = try writer.close()
        #expect(summary.rows == 2400 && summary.rowGroups == 3)
        let reader = try ParquetReader(url: dir.appendingPathComponent("bg.parquet"))
        #expect(try Interop.canonicalColumns(reader) == Interop.canonicalColumns(batches))
        #expect(throws: FormatError.self) { _ = try writer.close() }
        #expect(throws: FormatError.self) { try writer.write(batches[0]) }
    }

    @Test("schema errors throw at once, worker errors on a later call, cancel stops it")
    func errors() throws {
        let dir = try Interop.temporaryDirectory()
        defer { Interop.cleanup(dir) }
        let schema = Schema([Field(name: "d", type: .decimal(precision: 5, scale: 0))])
        let writer = try BackgroundParquetWriter(url: dir.appendingPathComponent("e.parquet"), schema: schema)
        #expect(throws: FormatError.self) {
            try writer.write(RecordBatch(schema: schema, columns: [Column(values: .double([1]))], rowCount: 1))
        }
        // Too wide for decimal(5,0) stored as INT32: fails while encoding, on the worker.
        try writer.write(RecordBatch(schema: schema, columns: [Column(values: .int64([Int64.max]))], rowCount: 1))
        #expect(throws: FormatError.self) { _ = try writer.close() }

        let other = try BackgroundParquetWriter(url: dir.appendingPathComponent("c.parquet"), schema: schema)
        try other.write(RecordBatch(schema: schema, columns: [Column(values: .int64([1]))], rowCount: 1))
        other.cancel()
        #expect(throws: FormatError.self) { _ = try other.close() }
    }
}
