import Foundation

/// A streaming JSON reader for a JSON array of objects or JSON Lines (one object per line),
/// told apart by the first non-blank byte (`[` or `{`). Reads the file block by block; a record
/// cut by a block boundary is parsed again from the next, longer buffer, so memory stays at
/// about one block plus one batch.
///
/// Columns appear in order of first appearance; a record without a key has null there.
public final class JSONReader {
    /// The options the reader was opened with.
    public let options: JSONOptions
    /// Whether the input is a JSON array (false: JSON Lines).
    public let isArray: Bool
    /// Records returned so far.
    public private(set) var rowsRead = 0
    /// Size of the input file in bytes.
    public var inputBytes: Int64 { source.fileSize }
    /// Column names met so far.
    public var columnNames: [String] { columns.names }

    let source: BlockFileReader
    let columns = JSONColumns()
    private(set) var grid: TokenGrid
    private(set) var arena: ByteArena
    /// The grids and arenas handed out in turn once ``useBuffers(_:)`` asked for more than one.
    private var ring: [(grid: TokenGrid, arena: ByteArena)] = []
    private(set) var ringIndex = 0
    /// Slots of the grids handed out last, which their consumer may still use (at most
    /// `heldSlots`: a grid stays valid while the next `count - 1` are read).
    private var recentSlots: [Int] = []
    private var heldSlots = 0
    var pendingConsumed = 0
    /// Decoder state of ``next(schema:nullTokens:)``.
    var typedBuilder: BatchBuilder?
    var line = 1
    private let dataStart: Int
    private var arrayClosed = false
    private var wantsSmallerGrid = false
    /// Most rows a grid read in one piece takes (``limitGridRows(_:)``).
    private var gridRowLimit = Int.max
    private(set) var batchIsASCII = true
    /// Nested columns to decode while reading, by name (``decodeNestedWhileReading(_:)``).
    private(set) var eagerTypes: [String: ColumnType] = [:]
    /// The schema's fields when chunks' records are decoded whole (``parseRecords(_:fields:)``).
    private(set) var recordFields: [Field]?
    /// Chunks of JSON Lines read ahead side by side (``nextChunkGrid(_:)``), when reading so.
    var chunks: LineChunks?
    /// Bytes per chunk read ahead (half a block; smaller once a chunk's records overflowed a grid).
    var chunkBytes: Int
    /// Chunks read ahead are mapped from the file where it can be (tests turn it off to cover
    /// copying them).
    var mapsInput = true
    /// Chunks handed out, and chunks dropped and read again in one piece.
    var chunkStats = (parsed: 0, undone: 0)
    /// Where reading in one piece goes on after chunks were left (applied by the next read).
    var resumeAt: (offset: Int64, line: Int)?

    /// Opens `url` and looks at its first bytes to choose between array and lines.
    public init(url: URL, options: JSONOptions = JSONOptions()) throws(FormatError) {
        self.options = options
        source = try BlockFileReader(url: url, blockSize: options.blockSize)
        try source.advance(consumed: 0)
        let b = source.buffer
        var i = source.filled >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var lines = 1
        while i < source.filled, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 {
            if b[i] == 10 { lines += 1 }
            i += 1
        }
        isArray = i < source.filled && b[i] == 91
        if isArray { i += 1 }
        dataStart = i
        pendingConsumed = i
        line = lines
        // Every record takes at least two bytes (`{}`), so a small file needs few rows; the
        // arena holds about one block of unescaped text.
        let rowsInFile = source.blockSize < options.blockSize ? Int(clamping: source.fileSize / 2 + 1) : options.batchRows
        grid = TokenGrid(rowCapacity: min(options.batchRows, max(TokenGrid.minimumRows, rowsInFile)), columnCount: 0)
        arena = ByteArena(capacity: source.blockSize + source.blockSize / 2)
        chunkBytes = max(Self.smallestChunk, source.blockSize / 2)
    }

    deinit {
        chunks?.stop()
    }

    /// Hands out `count` grids and arenas in turn, so a grid stays valid while the next
    /// `count - 1` are read (a consumer on another thread can decode one while this reads on).
    /// The grids share one cell budget (``TokenGrid/cellBudget``): a wide input gets fewer rows
    /// per grid rather than more memory.
    ///
    /// JSON Lines get two grids more, so three chunks can be read ahead (``nextChunkGrid(_:)``).
    func useBuffers(_ count: Int) -> Bool {
        let slots = count > 1 && !isArray ? count + 2 : count
        heldSlots = count - 1
        if ring.isEmpty {
            let cells = grid.rowCapacity * max(1, columns.names.count)
            if slots > 1, cells * slots > TokenGrid.cellBudget {
                let rows = TokenGrid.rows(forColumns: max(1, columns.names.count) * slots, preferred: grid.rowCapacity)
                if rows < grid.rowCapacity { grid = TokenGrid(rowCapacity: rows, columnCount: 0) }
            }
            ring = [(grid, arena)]
        }
        while ring.count < slots {
            ring.append((TokenGrid(rowCapacity: grid.rowCapacity, columnCount: 0), ByteArena(capacity: arena.capacity)))
        }
        return true
    }

    /// Parses as many whole records of the buffer as fit in a batch.
    func nextGrid() throws(FormatError) -> TokenGrid? {
        try resumeInOnePiece()
        if chunks == nil, canReadInChunks { startChunks() }
        // nil from the chunks: one was dropped, and this grid is read in one piece.
        if let c = chunks, let result = try nextChunkGrid(c) { return result }
        try source.advance(consumed: pendingConsumed)
        pendingConsumed = 0
        if ring.count > 1 {
            ringIndex = freeSlot(besides: []) ?? (ringIndex + 1) % ring.count
            useSlot(ringIndex)
        }
        while true {
            let (consumed, done) = try parseRecords()
            if grid.rowCount == 0 && wantsSmallerGrid {
                // The first record alone did not fit: continue with fewer rows per batch.
                wantsSmallerGrid = false
                grid = TokenGrid(
                    rowCapacity: TokenGrid.rows(forColumns: columns.names.count * 2, preferred: min(options.batchRows, grid.rowCapacity)),
                    columnCount: 0)
                if ring.count > 1 { ring[ringIndex].grid = grid }
                continue
            }
            if grid.rowCount > 0 {
                pendingConsumed = consumed
                return handOut(grid, arena: arena, slot: ring.count > 1 ? ringIndex : nil)
            }
            if done || source.atEOF { return nil }
            try source.advance(consumed: consumed)
        }
    }

    /// Makes ring slot `i` the current grid and arena.
    func useSlot(_ i: Int) {
        arena = ring[i].arena
        grid = slotGrid(i)
    }

    /// The grid of ring slot `i`.
    func slotGrid(_ i: Int) -> TokenGrid {
        if ring[i].grid.rowCapacity > grid.rowCapacity {
            // An earlier batch found the rows too wide: every grid of the ring gets smaller.
            ring[i].grid = TokenGrid(rowCapacity: grid.rowCapacity, columnCount: 0)
        }
        return ring[i].grid
    }

    /// The arena of ring slot `i`.
    func slotArena(_ i: Int) -> ByteArena { ring[i].arena }

    /// Ring slots left besides those of the grids a consumer may still hold and the one being
    /// read: how many more grids can be read ahead.
    var spareSlots: Int { ring.count - heldSlots - 1 }

    /// The next ring slot after the current one that is neither held by the grids handed out
    /// last nor in `busy`.
    func freeSlot(besides busy: [Int]) -> Int? {
        guard !ring.isEmpty else { return nil }
        for k in 1...ring.count {
            let i = (ringIndex + k) % ring.count
            if !recentSlots.contains(i) && !busy.contains(i) { return i }
        }
        return nil
    }

    /// Returns a filled grid (of ring slot `slot`) as the current batch.
    func handOut(_ filled: TokenGrid, arena filledArena: ByteArena, slot: Int?, isASCII: Bool? = nil) -> TokenGrid {
        grid = filled
        arena = filledArena
        rowsRead += filled.rowCount
        filled.base = UnsafeRawPointer(filledArena.base)
        batchIsASCII = isASCII ?? SWAR.isASCII(filledArena.base, filledArena.count)
        if let slot {
            ringIndex = slot
            recentSlots.append(slot)
            if recentSlots.count > heldSlots { recentSlots.removeFirst() }
        }
        return filled
    }

    /// Empties `grid` and `arena` for a batch read with `columns` (one-piece or a lane's), with
    /// the nested columns to decode while reading.
    func startFilling(_ grid: TokenGrid, arena: ByteArena, columns: JSONColumns) {
        grid.reset()
        if !eagerTypes.isEmpty { grid.eagerNested = EagerNestedColumns(types: eagerTypes, columns: columns) }
        // A grid last filled by a chunk that was dropped may have columns `columns` does not
        // know yet; their cells would be left from before.
        grid.columnCount = min(grid.columnCount, columns.names.count)
        grid.ensureColumns(columns.names.count)
        arena.count = 0
        columns.resetMarks()
    }

    /// Fills the grid from the buffer; returns bytes consumed and whether the input is over.
    private func parseRecords() throws(FormatError) -> (Int, Bool) {
        startFilling(grid, arena: arena, columns: columns)
        let final = source.atEOF
        var parser = JSONRecordParser(
            buf: UnsafePointer(source.buffer), n: source.filled, final: final, bufferOffset: source.bufferOffset,
            arena: arena, grid: grid, columns: columns, options: options, pos: 0, line: line)
        var consumed = 0
        let rowLimit = min(grid.rowCapacity, gridRowLimit)
        while grid.rowCount < rowLimit {
            let arenaMark = arena.count
            guard parser.skipSpace() else {
                consumed = parser.pos
                line = parser.line
                if final && isArray && !arrayClosed {
                    throw FormatError.at(
                        .unterminated, "the JSON array is not closed with ']'", hint: "the file may be cut short",
                        line: parser.line, byteOffset: Int(source.bufferOffset) + parser.pos, path: source.path)
                }
                return (consumed, final)
            }
            let c = parser.buf[parser.pos]
            if isArray {
                if arrayClosed {
                    throw FormatError.at(
                        .syntax, "text after the end of the JSON array", line: parser.line,
                        byteOffset: Int(source.bufferOffset) + parser.pos, path: source.path)
                }
                if c == 93 {
                    arrayClosed = true
                    parser.pos += 1
                    consumed = parser.pos
                    line = parser.line
                    continue
                }
                if c == 44 && grid.rowCount + rowsRead > 0 {
                    parser.pos += 1
                    consumed = parser.pos
                    line = parser.line
                    continue
                }
            }
            do {
                try parser.parseNextRow()
            } catch {
                switch error {
                case .incomplete:
                    if final {
                        throw FormatError.at(
                            .unterminated, "the input ends inside a record", hint: "the file may be cut short",
                            line: parser.recordLine, byteOffset: Int(source.bufferOffset) + parser.recordStart, path: source.path)
                    }
                    parser.takeBack(arenaMark: arenaMark)
                    line = parser.recordLine
                    return (parser.recordStart, false)
                case .failed(let e):
                    throw locating(e).inFile(source.path)
                case .gridFull:
                    parser.takeBack(arenaMark: arenaMark)
                    line = parser.recordLine
                    wantsSmallerGrid = true
                    return (parser.recordStart, false)
                }
            }
            consumed = parser.pos
            line = parser.line
        }
        return (consumed, false)
    }

    /// Goes back to the first record.
    func rewind() throws(FormatError) {
        chunks?.stop()
        chunks = nil
        resumeAt = nil
        try source.rewind()
        try source.advance(consumed: 0)
        pendingConsumed = dataStart
        line = 1
        var i = 0
        while i < dataStart {
            if source.buffer[i] == 10 { line += 1 }
            i += 1
        }
        arrayClosed = false
        rowsRead = 0
    }
}

extension JSONReader: TokenSource {
    func limitGridRows(_ rows: Int?) { gridRowLimit = max(1, rows ?? .max) }
    var path: String { source.path }
    var invalidUTF8: CSVOptions.InvalidUTF8 { options.invalidUTF8 }
    var quote: UInt8 { 34 }
    var rowsSkipped: Int { 0 }
    var rowsPadded: Int { 0 }
    var keepsNested: Bool { options.nested == .keep }

    func decodeNestedWhileReading(_ types: [String: ColumnType]) {
        // Chunks read ahead were parsed with the previous columns to decode: read them again.
        leaveChunks()
        eagerTypes = options.nested == .keep ? types.filter { $0.value.isNested } : [:]
        recordFields = nil
    }

    func decodeRecordsWhileReading(_ fields: [Field]?) {
        leaveChunks()
        recordFields = options.nested == .keep && !isArray && options.decodesRecords ? fields : nil
    }

    func readAgain(from grid: TokenGrid) {
        guard grid.rowCount > 0 else { return }
        leaveChunks()
        resumeAt = (grid.rowOffsets[0], grid.rowLines[0])
    }
}
