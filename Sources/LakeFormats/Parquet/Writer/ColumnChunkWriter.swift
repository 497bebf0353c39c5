/// Encodes one column of the row group being written: buffers the current page's definition
/// levels and values, turns them into compressed v1 data pages of about `pageBytes`, keeps the
/// row group's pages until the row group closes, then writes the dictionary page (if any) and
/// the data pages to the file and returns the chunk's metadata.
///
/// Dictionary encoding (RLE_DICTIONARY, PLAIN dictionary page) is tried first for every type but
/// bool and fixed-length decimals; when the dictionary passes `dictionaryPageLimit` bytes, or
/// holds nearly one entry per value, the column falls back to PLAIN for the rest of the row group.
///
/// A leaf of a nested field is "leveled": its caller hands it definition and repetition levels
/// with the present values (``appendLeveled(_:rows:)``), and its pages carry both level streams.
final class ColumnChunkWriter {
    let field: Field
    /// `pathInSchema`: the field's name, or the path of a nested field's leaf.
    let path: [String]
    /// Whether levels come from a nested field's shredding rather than the validity mask.
    let leveled: Bool
    let maxDefinition: Int
    let maxRepetition: Int
    let mapping: ParquetColumnMapping
    let optional: Bool
    let options: ParquetWriterOptions
    /// Bytes per value for FIXED_LEN_BYTE_ARRAY columns.
    let fixedLength: Int
    let dictionaryAllowed: Bool

    // Current page.
    var levels: [UInt8] = []
    /// Repetition levels of the current page (leveled leaves only).
    var repetitionLevels: [UInt8] = []
    var pageRows = 0
    var pageNulls = 0
    let plain = OutputBuffer(capacity: 1 << 16)
    var indices: [UInt32] = []

    // Dictionary state of the current row group.
    var dictionaryMode: Bool
    var fixedDictionary: FixedWidthDictionary?
    var bytesDictionary: ByteArrayDictionary?

    // The row group's finished pages (header and compressed body each; one array per page, so
    // memory is what the pages take, with no doubling and copying) and counters.
    var pages: [[UInt8]] = []
    var pagesBytes = 0
    var encodings: [Int32] = []
    var chunkValues: Int64 = 0
    var chunkNonNull: Int64 = 0
    var chunkUncompressed: Int64 = 0
    var chunkCompressed: Int64 = 0
    var stats: StatisticsAccumulator

    // Whole-file totals, for the summary.
    var fileStats: StatisticsAccumulator
    var fileCompressed: Int64 = 0
    var fileUncompressed: Int64 = 0

    /// Scratch space for assembling and compressing a page, shared with the other columns
    /// worked on by the same thread (the writer points it at a lane's before each job).
    var scratch: PageScratch
    /// The sealed chunk's dictionary page, header and body (see ``sealChunk()``).
    private var dictionaryPage: [UInt8]?
    private var body: OutputBuffer { scratch.body }
    private var compressed: OutputBuffer { scratch.compressed }

    /// Most rows in one data page, whatever its byte size.
    static let pageRowLimit = 1 << 17

    convenience init(field: Field, options: ParquetWriterOptions, scratch: PageScratch) {
        self.init(
            leaf: NestedLeaf(path: [field.name], field: field, maxDefinition: field.nullable ? 1 : 0, maxRepetition: 0),
            leveled: false, options: options, scratch: scratch)
    }

    init(leaf: NestedLeaf, leveled: Bool, options: ParquetWriterOptions, scratch: PageScratch) {
        field = leaf.field
        path = leaf.path
        self.leveled = leveled
        maxDefinition = leaf.maxDefinition
        maxRepetition = leaf.maxRepetition
        self.scratch = scratch
        self.options = options
        mapping = ParquetColumnMapping(writing: field.type)
        optional = !leveled && field.nullable
        fixedLength = Int(mapping.typeLength ?? 0)
        let signed = mapping.physical == .fixedLenByteArray
        stats = StatisticsAccumulator(physical: mapping.physical, signedBytes: signed)
        fileStats = stats
        switch mapping.physical {
        case .int32, .float:
            fixedDictionary = FixedWidthDictionary(width: 4)
            bytesDictionary = nil
        case .int64, .double:
            fixedDictionary = FixedWidthDictionary(width: 8)
            bytesDictionary = nil
        case .byteArray:
            fixedDictionary = nil
            bytesDictionary = ByteArrayDictionary()
        default:
            fixedDictionary = nil
            bytesDictionary = nil
        }
        dictionaryAllowed = options.dictionary && (fixedDictionary != nil || bytesDictionary != nil)
        dictionaryMode = dictionaryAllowed
    }

    var dictionaryCount: Int { fixedDictionary?.count ?? bytesDictionary?.count ?? 0 }
    var dictionaryBytes: Int { fixedDictionary?.byteSize ?? bytesDictionary?.byteSize ?? 0 }

    /// Bits per dictionary index for the current dictionary size.
    var indexBitWidth: Int { max(1, HybridEncoder.bitWidth(UInt32(max(dictionaryCount - 1, 0)))) }

    /// A rough size of the page being filled, compared against `pageBytes`.
    var pageEstimate: Int {
        let values = dictionaryMode ? indices.count * indexBitWidth / 8 + 1 : plain.count
        if leveled { return values + levels.count / 4 + repetitionLevels.count / 4 }
        return values + (optional ? pageRows / 8 : 0)
    }

    /// Encoded bytes this column holds for the open row group.
    var bufferedBytes: Int { pagesBytes + pageEstimate + dictionaryBytes }

    /// Whether the current page should be closed.
    var pageIsFull: Bool { pageEstimate >= options.pageBytes || pageRows >= Self.pageRowLimit }

    /// Whether the column should switch to PLAIN: the dictionary has outgrown its limit, or
    /// nearly every value so far is distinct (then the dictionary only costs time).
    var dictionaryTooBig: Bool {
        guard dictionaryMode else { return false }
        if dictionaryBytes > options.dictionaryPageLimit { return true }
        let seen = chunkNonNull + Int64(pageNonNull)
        return seen >= 32_768 && Double(dictionaryCount) > 0.9 * Double(seen)
    }

    /// Closes the current page (dictionary encoded) and writes PLAIN pages from now on.
    func fallBackToPlain() throws {
        try flushPage()
        dictionaryMode = false
    }

    /// Present values in the current page.
    var pageNonNull: Int { leveled ? levels.count - pageNulls : pageRows - pageNulls }

    /// Values (levels) in the current page: one per row for a flat column.
    var pageValueCount: Int { leveled ? levels.count : pageRows }

    private func noteEncoding(_ e: ParquetThrift.Encoding) {
        if !encodings.contains(e.rawValue) { encodings.append(e.rawValue) }
    }

    /// Turns the buffered levels and values into one compressed data page.
    func flushPage() throws {
        guard pageRows > 0 else { return }
        body.removeAll()
        if leveled {
            if maxRepetition > 0 { appendLevels(repetitionLevels, maxLevel: maxRepetition) }
            if maxDefinition > 0 { appendLevels(levels, maxLevel: maxDefinition) }
        } else if optional {
            let lengthAt = body.count
            body.appendLE(UInt32(0))
            if pageNulls == 0 {
                HybridEncoder.encodeAllOnes(count: pageRows, into: body)
            } else {
                levels.withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: 1, into: body) }
            }
            body.patchUInt32LE(UInt32(body.count - lengthAt - 4), at: lengthAt)
            noteEncoding(.rle)
        }
        let encoding: ParquetThrift.Encoding
        if dictionaryMode && dictionaryCount > 0 {
            encoding = .rleDictionary
            let width = indexBitWidth
            body.append(UInt8(width))
            indices.withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: width, into: body) }
        } else if dictionaryMode {
            encoding = .plain  // every value of the page so far is null: nothing to reference
        } else if mapping.physical == .boolean {
            encoding = .plain
            packBooleans()
        } else {
            encoding = .plain
            body.append(plain.bytes)
        }
        noteEncoding(encoding)
        var header = ParquetThrift.PageHeader()
        header.type = ParquetThrift.PageType.dataPage.rawValue
        var data = ParquetThrift.DataPageHeader()
        data.numValues = Int32(pageValueCount)
        data.encoding = encoding.rawValue
        header.dataPage = data
        let page = try makePage(header: header)
        pages.append(page)
        pagesBytes += page.count
        chunkValues += Int64(pageValueCount)
        chunkNonNull += Int64(pageNonNull)
        stats.nullCount += Int64(pageNulls)
        levels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        plain.removeAll()
        if plain.capacity > 4 * options.pageBytes + (1 << 20) { plain.shrink(to: options.pageBytes + (1 << 16)) }
        if body.capacity > 4 * options.pageBytes + (1 << 20) { scratch.trim(limit: options.pageBytes + (1 << 16)) }
        pageRows = 0
        pageNulls = 0
    }

    /// One level stream, RLE with its 4-byte length prefix (v1 data page).
    private func appendLevels(_ stream: [UInt8], maxLevel: Int) {
        let lengthAt = body.count
        body.appendLE(UInt32(0))
        stream.withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: HybridEncoder.bitWidth(UInt32(maxLevel)), into: body) }
        body.patchUInt32LE(UInt32(body.count - lengthAt - 4), at: lengthAt)
        noteEncoding(.rle)
    }

    private func packBooleans() {
        let n = plain.count
        let bytes = (n + 7) / 8
        body.reserve(bytes)
        let src = plain.base.assumingMemoryBound(to: UInt8.self)
        let dst = body.tail.assumingMemoryBound(to: UInt8.self)
        for k in 0..<bytes {
            var b: UInt8 = 0
            for bit in 0..<8 where k * 8 + bit < n {
                b |= (src[k * 8 + bit] & 1) << UInt8(bit)
            }
            dst[k] = b
        }
        body.advance(bytes)
    }

    /// Compresses `body` and returns header plus compressed bytes.
    private func makePage(header: ParquetThrift.PageHeader) throws -> [UInt8] {
        let uncompressedSize = body.count
        let payload: UnsafeRawBufferPointer
        switch options.compression {
        case .none:
            payload = body.bytes
        case .snappy:
            compressed.removeAll()
            compressed.reserve(Snappy.maxCompressedLength(uncompressedSize))
            let n = Snappy.compress(body.bytes, to: compressed.tail)
            compressed.advance(n)
            payload = compressed.bytes
        case .gzip:
            compressed.removeAll()
            compressed.append(try Gzip.compress(body.bytes, level: options.gzipLevel))
            payload = compressed.bytes
        case .zstd, .lz4Raw:
            compressed.removeAll()
            try compressWithLibrary(body.bytes, into: compressed)
            payload = compressed.bytes
        }
        guard uncompressedSize <= Int(Int32.max), payload.count <= Int(Int32.max) else {
            throw FormatError.invalidArgument(
                "a page of column \(field.name) exceeds 2 GiB; lower pageBytes",
                context: FormatError.Context(column: field.name))
        }
        var h = header
        h.uncompressedPageSize = Int32(uncompressedSize)
        h.compressedPageSize = Int32(payload.count)
        let headerBytes = h.serialized()
        chunkUncompressed += Int64(headerBytes.count + uncompressedSize)
        chunkCompressed += Int64(headerBytes.count + payload.count)
        return [UInt8](unsafeUninitializedCapacity: headerBytes.count + payload.count) { buf, initialized in
            guard let dst = buf.baseAddress else {
                initialized = 0
                return
            }
            headerBytes.withUnsafeBufferPointer { h in
                if let src = h.baseAddress { dst.update(from: src, count: h.count) }
            }
            if let src = payload.baseAddress {
                UnsafeMutableRawPointer(dst + headerBytes.count).copyMemory(from: src, byteCount: payload.count)
            }
            initialized = headerBytes.count + payload.count
        }
    }

    /// Compresses `source` with the codec of a shared library (zstd, lz4_raw) into `out`.
    private func compressWithLibrary(_ source: UnsafeRawBufferPointer, into out: OutputBuffer) throws {
        let zstd = options.compression == .zstd
        let bound = zstd ? try Zstd.maxCompressedLength(source.count) : try LZ4.maxCompressedLength(source.count)
        out.reserve(bound)
        let destination = UnsafeMutableRawBufferPointer(start: out.tail, count: bound)
        let n = zstd
            ? try Zstd.compress(source, into: destination, level: options.zstdLevel)
            : try LZ4.compress(source, into: destination)
        out.advance(n)
    }

    /// Closes the row group's last page and builds its dictionary page, leaving only the
    /// writing to ``writeChunk(to:)``; columns can be sealed side by side, each with its own
    /// scratch.
    func sealChunk() throws {
        try flushPage()
        dictionaryPage = nil
        guard encodings.contains(ParquetThrift.Encoding.rleDictionary.rawValue) else { return }
        body.removeAll()
        if let dict = fixedDictionary { body.append(dict.plainBytes()) }
        if let dict = bytesDictionary { body.append(dict.plain) }
        var header = ParquetThrift.PageHeader()
        header.type = ParquetThrift.PageType.dictionaryPage.rawValue
        var dict = ParquetThrift.DictionaryPageHeader()
        dict.numValues = Int32(dictionaryCount)
        header.dictionaryPage = dict
        dictionaryPage = try makePage(header: header)
        noteEncoding(.plain)
        bytesDictionary?.forEachEntry { stats.update(bytes: $0) }
    }

    /// Writes the sealed row group's pages for this column at the sink's position and returns
    /// the column chunk metadata. Resets the row-group state.
    func writeChunk(to sink: FileSink) throws -> ParquetThrift.ColumnChunk {
        let start = sink.position
        var meta = ParquetThrift.ColumnMetaData()
        meta.type = mapping.physical.rawValue
        meta.pathInSchema = path
        meta.codec = options.compression.thriftCodec.rawValue
        meta.numValues = chunkValues
        if let dictionaryPage {
            try sink.write(dictionaryPage)
            meta.dictionaryPageOffset = start
        }
        meta.dataPageOffset = sink.position
        for page in pages { try sink.write(page) }
        meta.encodings = encodings.sorted()
        meta.totalUncompressedSize = chunkUncompressed
        meta.totalCompressedSize = chunkCompressed
        meta.statistics = stats.thrift()
        let chunk = ParquetThrift.ColumnChunk(fileOffset: start, metaData: meta)

        fileStats.merge(stats)
        fileCompressed += chunkCompressed
        fileUncompressed += chunkUncompressed
        resetChunk()
        return chunk
    }

    private func resetChunk() {
        dictionaryPage = nil
        pages.removeAll()
        pagesBytes = 0
        encodings.removeAll()
        chunkValues = 0
        chunkNonNull = 0
        chunkUncompressed = 0
        chunkCompressed = 0
        stats.reset()
        fixedDictionary?.removeAll()
        bytesDictionary?.removeAll()
        dictionaryMode = dictionaryAllowed
    }
}
