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
    /// The schema's nested fields, by index.
    private let nestedFields: [Int]
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
        let scratch = PageScratch()
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
        nestedFields = schema.fields.indices.filter { schema.fields[$0].type.isNested }
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
                var buffered = 0
                var shredded: [Int: [LevelShredder.LeafLevels]] = [:]
                if nestedFields.count > 1, n >= ConcurrentShredding.minimumRows {
                    let all = try ConcurrentShredding.shred(batch, fields: nestedFields, schema: schema, rows: row..<(row + n))
                    for (i, leaves) in zip(nestedFields, all) { shredded[i] = leaves }
                }
                for (i, field) in schema.fields.enumerated() {
                    if field.type.isNested {
                        let input = batch.columns[i]
                        let leaves = try shredded[i] ?? LevelShredder.shred(input, field: field, rows: row..<(row + n))
                        for (k, levels) in zip(fieldLeaves[i], leaves) { try columns[k].appendLeveled(levels, rows: n) }
                        if let validity = input.validity {
                            nestedNulls[i] += Int64(validity[row..<(row + n)].lazy.filter { !$0 }.count)
                        }
                    } else {
                        try columns[fieldLeaves[i].lowerBound].append(batch.columns[i], rows: row..<(row + n))
                    }
                    for column in columns[fieldLeaves[i]] {
                        if column.dictionaryTooBig {
                            try column.fallBackToPlain()
                        } else if column.pageIsFull {
                            try column.flushPage()
                        }
                        buffered += column.bufferedBytes
                    }
                }
                rowsInGroup += n
                row += n
                // Near the byte bound, take smaller slices so the group stops close to it.
                bytesPerRow = max(1, buffered / max(rowsInGroup, 1))
                if rowsInGroup >= options.rowGroupRows || buffered >= options.rowGroupBytes {
                    try flushRowGroup()
                    buffered = 0
                }
                let fits = (options.rowGroupBytes - buffered) / bytesPerRow + 1
                nextSliceRows = max(16, min(Self.sliceRows, fits))
            }
        } catch let error as FormatError {
            state = .failed
            sink.abandon()
            throw error.inFile(url.path)
        }
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
        for column in columns {
            let chunk = try column.finishChunk(to: sink)
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
