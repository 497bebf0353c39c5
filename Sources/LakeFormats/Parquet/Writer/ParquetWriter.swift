import Foundation

/// Streams ``RecordBatch``es into one Parquet file (DESIGN §5) with bounded memory: each column
/// buffers the encoded, compressed pages of the open row group only, and a row group is written
/// to the file as soon as it reaches ``ParquetWriterOptions/rowGroupRows`` rows or
/// ``ParquetWriterOptions/rowGroupBytes`` bytes.
///
/// The writer writes to the path it is given; writing to a temporary name and renaming it into
/// place is the caller's job. Call ``close()`` to write the footer: a writer dropped without it
/// leaves an incomplete file.
///
/// Thread safety: every method takes an internal lock, so the writer can be created on one
/// thread and fed from another (e.g. a parsing thread handing batches to a writing thread);
/// calls from several threads are serialised, and batches are written in call order.
public final class ParquetWriter: @unchecked Sendable {
    /// Where the file is written.
    public let url: URL
    /// The file's schema; every batch must match it.
    public let schema: Schema
    /// The layout options.
    public let options: ParquetWriterOptions

    private let lock = NSLock()
    private let sink: FileSink
    /// One writer per leaf column, in schema order (a flat field is its own leaf).
    private let columns: [ColumnChunkWriter]
    /// The leaves of each field: indices into `columns`.
    private let fieldLeaves: [Range<Int>]
    /// Field indices, those with the most leaves first: the order their slices are handed to
    /// the lanes, so the heavy ones do not come last.
    private let laneOrder: [Int]
    /// Threads (with their page scratch) that work on the columns of a slice side by side.
    private let lanes: ColumnLanes
    /// Nulls written so far in each nested field's top level (flat fields count in their leaf).
    private var nestedNulls: [Int64]
    private(set) var rowGroups: [ParquetThrift.RowGroup] = []
    private var rowsInGroup = 0
    private(set) var totalRows: Int64 = 0
    private var state = State.open
    /// Leaf columns in the file (the footer's column orders count them).
    var columnCount: Int { columns.count }
    /// Rows in the next slice; starts small until the encoded bytes per row are known.
    private var nextSliceRows = 128
    private var bytesPerRow = 1

    private enum State { case open, closed, failed }

    /// Rows per slice of a batch between page and row-group checks.
    static let sliceRows = 8192
    /// Fewest rows in a slice worth spreading its columns over threads.
    static let laneRows = 4096

    /// Creates (or truncates) the file at `url` and writes the leading magic bytes.
    public init(url: URL, schema: Schema, options: ParquetWriterOptions = .init()) throws {
        let path = url.path
        let context = FormatError.Context(path: path)
        guard !schema.fields.isEmpty else {
            throw FormatError.invalidArgument("a Parquet file needs at least one column", context: context)
        }
        guard options.rowGroupRows > 0, options.rowGroupBytes > 0, options.pageBytes > 0,
            options.dictionaryPageLimit > 0
        else {
            throw FormatError.invalidArgument(
                "rowGroupRows, rowGroupBytes, pageBytes and dictionaryPageLimit must be positive", context: context)
        }
        var seen = Set<String>()
        for f in schema.fields {
            guard !f.name.isEmpty, seen.insert(f.name).inserted else {
                throw FormatError.invalidArgument(
                    "column names must be non-empty and unique ('\(f.name)')", context: context)
            }
            try Self.checkType(f.type, column: f.name, context: context)
            guard NestedLeaf.depth(of: f.type) <= NestedLeaf.maxDepth else {
                throw FormatError.invalidArgument(
                    "column \(f.name) nests deeper than \(NestedLeaf.maxDepth) levels", context: context)
            }
        }
        do {
            try options.compression.checkAvailable()
        } catch let error as FormatError {
            throw error.adding(context)
        }
        self.url = url
        self.schema = schema
        self.options = options
        sink = try FileSink(path: path)
        lanes = ColumnLanes()
        let scratch = lanes.scratches[0]
        var writers: [ColumnChunkWriter] = []
        var ranges: [Range<Int>] = []
        for f in schema.fields {
            let start = writers.count
            if f.type.isNested {
                for leaf in NestedLeaf.leaves(of: f) {
                    writers.append(ColumnChunkWriter(leaf: leaf, leveled: true, options: options, scratch: scratch))
                }
            } else {
                writers.append(ColumnChunkWriter(field: f, options: options, scratch: scratch))
            }
            ranges.append(start..<writers.count)
        }
        columns = writers
        fieldLeaves = ranges
        laneOrder = ranges.indices.sorted { ranges[$0].count > ranges[$1].count || (ranges[$0].count == ranges[$1].count && $0 < $1) }
        nestedNulls = Array(repeating: 0, count: schema.fields.count)
        try sink.write(Array("PAR1".utf8))
    }

    deinit {
        if state == .open { sink.abandon() }
    }

    /// Appends a batch. Its columns must match the schema in number, order, name and storage,
    /// and a non-nullable column must hold no null.
    public func write(_ batch: RecordBatch) throws {
        lock.lock()
        defer { lock.unlock() }
        try checkOpen()
        try validate(batch)
        do {
            var row = 0
            while row < batch.rowCount {
                let n = min(nextSliceRows, batch.rowCount - row, options.rowGroupRows - rowsInGroup)
                let rows = row..<(row + n)
                if lanes.count > 1, schema.fields.count > 1, n >= Self.laneRows {
                    let nulls = UnsafeMutableBufferPointer<Int64>.allocate(capacity: schema.fields.count)
                    nulls.initialize(repeating: 0)
                    defer { nulls.deallocate() }
                    try lanes.run(laneOrder.count) { k, scratch in
                        let i = laneOrder[k]
                        nulls[i] = try writeField(i, of: batch, rows: rows, scratch: scratch)
                    }
                    for i in nestedNulls.indices { nestedNulls[i] += nulls[i] }
                } else {
                    for i in schema.fields.indices {
                        nestedNulls[i] += try writeField(i, of: batch, rows: rows, scratch: lanes.scratches[0])
                    }
                }
                let buffered = columns.reduce(0) { $0 + $1.bufferedBytes }
                rowsInGroup += n
                row += n
                // Near the byte bound, take smaller slices so the group stops close to it.
                bytesPerRow = max(1, buffered / max(rowsInGroup, 1))
                var left = options.rowGroupBytes - buffered
                if rowsInGroup >= options.rowGroupRows || buffered >= options.rowGroupBytes {
                    try flushRowGroup()
                    left = options.rowGroupBytes
                }
                let fits = left / bytesPerRow + 1
                nextSliceRows = max(16, min(Self.sliceRows, fits))
            }
        } catch let error as FormatError {
            state = .failed
            sink.abandon()
            throw error.inFile(url.path)
        }
    }

    /// Appends `rows` of field `i` to its leaf columns and closes the pages that filled;
    /// returns the nulls among those rows of a nested field (a flat field counts its own).
    /// Touches only the field's own columns, so fields can be written side by side.
    private func writeField(_ i: Int, of batch: RecordBatch, rows: Range<Int>, scratch: PageScratch) throws -> Int64 {
        let field = schema.fields[i]
        let input = batch.columns[i]
        let leaves = columns[fieldLeaves[i]]
        for column in leaves { column.scratch = scratch }
        var nulls: Int64 = 0
        if field.type.isNested {
            let levels = try LevelShredder.shred(input, field: field, rows: rows)
            for (column, leafLevels) in zip(leaves, levels) { try column.appendLeveled(leafLevels, rows: rows.count) }
            if let validity = input.validity { nulls = Int64(validity[rows].lazy.filter { !$0 }.count) }
        } else if let column = leaves.first {
            try column.append(input, rows: rows)
        }
        for column in leaves {
            if column.dictionaryTooBig {
                try column.fallBackToPlain()
            } else if column.pageIsFull {
                try column.flushPage()
            }
        }
        return nulls
    }

    /// Writes the open row group and the footer, closes the file and returns what was written.
    public func close() throws -> ParquetFileSummary {
        lock.lock()
        defer { lock.unlock() }
        try checkOpen()
        do {
            if rowsInGroup > 0 { try flushRowGroup() }
            let footer = footerMetadata().serialized()
            try sink.write(footer)
            try sink.write(StatisticsAccumulator.le(UInt32(footer.count)))
            try sink.write(Array("PAR1".utf8))
            try sink.close()
            state = .closed
        } catch let error as FormatError {
            state = .failed
            sink.abandon()
            throw error.inFile(url.path)
        }
        return summary()
    }

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .closed:
            throw FormatError.invalidArgument("the Parquet writer is already closed", context: FormatError.Context(path: url.path))
        case .failed:
            throw FormatError.invalidArgument(
                "the Parquet writer failed earlier; the file is incomplete, write it again",
                context: FormatError.Context(path: url.path))
        }
    }

    private func flushRowGroup() throws {
        var group = ParquetThrift.RowGroup()
        group.fileOffset = sink.position
        var compressed: Int64 = 0
        var uncompressed: Int64 = 0
        // Last pages and dictionary pages side by side, the biggest first; then written in order.
        let order = columns.indices.sorted { columns[$0].pageEstimate + columns[$0].dictionaryBytes > columns[$1].pageEstimate + columns[$1].dictionaryBytes }
        try lanes.run(order.count) { k, scratch in
            let column = columns[order[k]]
            column.scratch = scratch
            try column.sealChunk()
        }
        for column in columns {
            let chunk = try column.writeChunk(to: sink)
            compressed += chunk.metaData?.totalCompressedSize ?? 0
            uncompressed += chunk.metaData?.totalUncompressedSize ?? 0
            group.columns.append(chunk)
        }
        group.numRows = Int64(rowsInGroup)
        group.totalByteSize = uncompressed
        group.totalCompressedSize = compressed
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(group)
        totalRows += Int64(rowsInGroup)
        rowsInGroup = 0
    }

    private func summary() -> ParquetFileSummary {
        let cols = schema.fields.enumerated().map { i, field -> ParquetFileSummary.ColumnSummary in
            let leaves = columns[fieldLeaves[i]]
            guard !field.type.isNested, let c = leaves.first else {
                return ParquetFileSummary.ColumnSummary(
                    name: field.name, type: field.type, nullCount: nestedNulls[i], min: nil, max: nil,
                    compressedBytes: leaves.reduce(0) { $0 + $1.fileCompressed },
                    uncompressedBytes: leaves.reduce(0) { $0 + $1.fileUncompressed })
            }
            let minMax = c.fileStats.encodedMinMax()
            return ParquetFileSummary.ColumnSummary(
                name: c.field.name, type: c.field.type, nullCount: c.fileStats.nullCount,
                min: minMax.flatMap { ParquetValueDecoding.statisticValue($0.min, type: c.field.type) },
                max: minMax.flatMap { ParquetValueDecoding.statisticValue($0.max, type: c.field.type) },
                compressedBytes: c.fileCompressed, uncompressedBytes: c.fileUncompressed)
        }
        return ParquetFileSummary(rows: totalRows, fileBytes: sink.position, rowGroups: rowGroups.count, columns: cols)
    }
}
