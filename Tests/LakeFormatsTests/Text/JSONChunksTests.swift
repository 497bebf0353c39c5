import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// JSON Lines read in chunks side by side (``JSONReader/nextChunkGrid(_:)``) give the rows,
/// columns, errors and error lines of reading in one piece; a cut that does not fall between
/// records, or a chunk that meets a new column, an error or a grid too small, is read again in
/// one piece.
@Suite("JSON Lines read in chunks side by side")
struct JSONChunksTests {
    /// Every row of `url` as values, read with three grids in turn (chunks possible) or one.
    static func rows(
        _ url: URL, schema: Schema, lanes: Bool, blockSize: Int = 1 << 20, batchRows: Int = 65_536, mapped: Bool = true
    ) throws -> (rows: [[Value]], lines: [Int], offsets: [Int64], names: [String], splits: (parsed: Int, undone: Int)) {
        var options = JSONOptions(blockSize: blockSize, batchRows: batchRows)
        options.nested = .keep
        let reader = try JSONReader(url: url, options: options)
        reader.mapsInput = mapped
        if lanes { #expect(reader.useBuffers(3)) }
        var builder = BatchBuilder(
            schema: schema, explicit: true, positional: false, nulls: NullTokens([], quotedCanBeNull: false), source: reader)
        var rows: [[Value]] = []
        var lines: [Int] = []
        var offsets: [Int64] = []
        while let grid = try reader.nextGrid() {
            lines += (0..<grid.rowCount).map { grid.rowLines[$0] }
            offsets += (0..<grid.rowCount).map { grid.rowOffsets[$0] }
            guard case .batch(let batch) = try builder.build(grid, source: reader) else { break }
            for r in 0..<batch.rowCount { rows.append(batch.row(r)) }
        }
        return (rows, lines, offsets, reader.columnNames, reader.chunkStats)
    }

    static let schema = Schema([
        Field(name: "id", type: .int64), Field(name: "name", type: .string),
        Field(name: "tags", type: .list(Field(name: "element", type: .string))),
        Field(name: "pos", type: .structure([Field(name: "x", type: .double), Field(name: "y", type: .double)])),
        Field(name: "late", type: .string),
    ])

    static func record(_ i: Int, pretty: Bool = false, late: Bool = false) -> String {
        let space = pretty ? "\n  " : ""
        let extra = late ? #","late":"yes""# : ""
        return #"{"id":\#(i),\#(space)"name":"row \#(i) \#(String(repeating: "x", count: i % 40))","tags":["a","b\#(i % 7)"],\#(space)"pos":{"x":\#(Double(i) / 4),"y":-\#(i % 13)}\#(extra)}"#
    }

    @Test("rows equal to reading in one piece, with most grids read ahead in chunks (mapped or copied)", arguments: [true, false])
    func sameRows(mapped: Bool) throws {
        let d = TempDir()
        let url = d.file("in.jsonl", (0..<80_000).map { Self.record($0) }.joined(separator: "\n") + "\n")
        let lanes = try Self.rows(url, schema: Self.schema, lanes: true, mapped: mapped)
        let single = try Self.rows(url, schema: Self.schema, lanes: false)
        #expect(lanes.rows.count == 80_000)
        #expect(lanes.rows == single.rows)
        #expect(lanes.lines == single.lines, "each row's line, as errors name it")
        #expect(lanes.offsets == single.offsets)
        #expect(lanes.splits.parsed >= 10, "\(lanes.splits)")
        #expect(lanes.splits.undone == 0, "\(lanes.splits)")
        #expect(single.splits.parsed == 0)
    }

    @Test("mapped input: unaligned offsets, the last bytes, past the end, a file grown since it was opened")
    func mappedBytes() throws {
        let d = TempDir()
        let text = (0..<15_000).map { Self.record($0) }.joined(separator: "\n")  // no final line feed
        let url = d.file("in.jsonl", text)
        let bytes = Array(text.utf8)
        let source = try BlockFileReader(url: url, blockSize: 1 << 16)
        for (offset, count) in [(0, 4096), (1, 10_000), (4095, 3), (bytes.count - 7, 100), (12_345, bytes.count)] {
            let m = try #require(source.mapBytes(count: count, at: Int64(offset)))
            defer { m.unmap() }
            let expected = Array(bytes[offset..<min(bytes.count, offset + count)])
            #expect(m.count == expected.count)
            #expect(m.bytes.map { Array(UnsafeBufferPointer(start: $0, count: m.count)) } == expected, "at \(offset)")
        }
        let past = try #require(source.mapBytes(count: 10, at: Int64(bytes.count)))
        #expect(past.count == 0 && past.bytes == nil)

        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n{\"id\":1}".utf8))
        try handle.close()
        let grown = try #require(source.mapBytes(count: 100, at: Int64(bytes.count)))
        defer { grown.unmap() }
        #expect(grown.bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: grown.count), as: UTF8.self) } == "\n{\"id\":1}")

        // Read in chunks, mapped and copied: the last record has no line feed after it.
        let mapped = try Self.rows(url, schema: Self.schema, lanes: true, blockSize: 1 << 16, mapped: true)
        let copied = try Self.rows(url, schema: Self.schema, lanes: true, blockSize: 1 << 16, mapped: false)
        #expect(mapped.rows.count == 15_001)
        #expect(mapped.rows == copied.rows)
        #expect(mapped.lines == copied.lines)
        #expect(mapped.splits.parsed >= 5, "\(mapped.splits)")
    }

    @Test("records spanning lines, and a new column in a later chunk, are read again in one piece")
    func undoneSplits() throws {
        let d = TempDir()
        var text = (0..<20_000).map { Self.record($0, pretty: true) }.joined(separator: "\n") + "\n"
        text += (20_000..<40_000).map { Self.record($0, late: $0 == 39_000) }.joined(separator: "\n") + "\n"
        let url = d.file("in.jsonl", text)
        let lanes = try Self.rows(url, schema: Self.schema, lanes: true)
        let single = try Self.rows(url, schema: Self.schema, lanes: false)
        #expect(lanes.rows == single.rows)
        #expect(lanes.lines == single.lines)
        #expect(lanes.names == single.names)
        #expect(lanes.rows[39_000][4] == .string("yes"))
        #expect(lanes.splits.undone >= 1, "\(lanes.splits)")
    }

    @Test("records too many for a grid shrink the chunks and are read again in one piece")
    func narrowGrids() throws {
        let d = TempDir()
        let url = d.file("in.jsonl", (0..<300_000).map { #"{"id":\#($0)}"# }.joined(separator: "\n") + "\n")
        let schema = Schema([Field(name: "id", type: .int64)])
        let chunked = try Self.rows(url, schema: schema, lanes: true, batchRows: 4_000)
        let single = try Self.rows(url, schema: schema, lanes: false, batchRows: 4_000)
        #expect(chunked.rows.count == 300_000)
        #expect(chunked.rows == single.rows)
        #expect(chunked.lines == single.lines)
        #expect(chunked.offsets == single.offsets)
        #expect(chunked.splits.undone >= 1, "\(chunked.splits)")
    }

    @Test("an error in a chunk read ahead names the line reading in one piece names")
    func errorLine() throws {
        let d = TempDir()
        var lines = (0..<12_000).map { Self.record($0) }
        lines[9_000] = #"{"id":9000,"name":"bad","tags":["a",],"pos":null}"#
        let url = d.file("in.jsonl", lines.joined(separator: "\n") + "\n")
        var options = ConvertOptions()
        options.json.nested = .keep
        options.json.blockSize = 256 << 10  // chunks of 128 KiB: line 9,001 is in the seventh
        let error = formatError { _ = try FormatConverter.convert(input: url, output: d.path("out.parquet"), options: options) }
        #expect(error?.code == .syntax)
        #expect(error?.context.line == 9_001, "\(String(describing: error))")
        #expect(error?.message.contains("line 9001, column 37") == true, "\(String(describing: error))")

        // A value that does not fit an explicit schema, in a chunk that was kept: the line
        // comes from the grid's row lines, shifted by the lines of the chunks before it.
        lines[9_000] = #"{"id":"x9000","name":"bad","tags":[],"pos":null}"#
        let misfit = d.file("misfit.jsonl", lines.joined(separator: "\n") + "\n")
        options.schema = Self.schema
        let typed = formatError { _ = try FormatConverter.convert(input: misfit, output: d.path("out.parquet"), options: options) }
        #expect(typed?.code == .invalidValue)
        #expect(typed?.context.line == 9_001, "\(String(describing: typed))")
    }
}
