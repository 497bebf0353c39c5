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
    var pendingConsumed = 0
    /// Decoder state of ``next(schema:nullTokens:)``.
    var typedBuilder: BatchBuilder?
    var line = 1
    private let dataStart: Int
    private var arrayClosed = false
    private var wantsSmallerGrid = false
    private(set) var batchIsASCII = true
    /// Nested columns to decode while reading, by name (``decodeNestedWhileReading(_:)``).
    private(set) var eagerTypes: [String: ColumnType] = [:]
    /// The second of two grids read side by side, handed out by the next ``nextGrid()``.
    var pendingLane: Lane?
    /// Buffers read as two grids side by side, and read again in one piece after a failed split.
    var laneSplits = (kept: 0, undone: 0)

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
    }

    /// Hands out `count` grids and arenas in turn, so a grid stays valid while the next
    /// `count - 1` are read (a consumer on another thread can decode one while this reads on).
    /// The grids share one cell budget (``TokenGrid/cellBudget``): a wide input gets fewer rows
    /// per grid rather than more memory.
    ///
    /// JSON Lines get one grid more, so two can be read side by side (``readInLanes()``).
    func useBuffers(_ count: Int) -> Bool {
        let slots = count > 1 && !isArray ? count + 1 : count
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
        if let lane = pendingLane {
            pendingLane = nil
            return handOut(lane.grid, arena: lane.arena)
        }
        try source.advance(consumed: pendingConsumed)
        pendingConsumed = 0
        if ring.count > 1 {
            ringIndex = (ringIndex + 1) % ring.count
            useSlot(ringIndex)
        }
        if let first = readInLanes() { return first }
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
                return handOut(grid, arena: arena)
            }
            if done || source.atEOF { return nil }
            try source.advance(consumed: consumed)
        }
    }

    /// Makes ring slot `i` the current grid and arena.
    func useSlot(_ i: Int) {
        arena = ring[i].arena
        if ring[i].grid.rowCapacity > grid.rowCapacity {
            // An earlier batch found the rows too wide: every grid of the ring gets smaller.
            ring[i].grid = TokenGrid(rowCapacity: grid.rowCapacity, columnCount: 0)
        }
        grid = ring[i].grid
    }

    /// Ring slot `offset` places after the current one.
    func slot(after offset: Int) -> Int? {
        ring.count > 3 ? (ringIndex + offset) % ring.count : nil
    }

    /// Moves the ring on to slot `i` (the second lane's).
    func moveRing(to i: Int) { ringIndex = i }

    /// Returns a filled grid as the current batch.
    func handOut(_ filled: TokenGrid, arena filledArena: ByteArena) -> TokenGrid {
        grid = filled
        arena = filledArena
        rowsRead += filled.rowCount
        filled.base = UnsafeRawPointer(filledArena.base)
        batchIsASCII = SWAR.isASCII(filledArena.base, filledArena.count)
        return filled
    }

    /// Empties `grid` and `arena` for a batch read with `columns` (one-piece or a lane's), with
    /// the nested columns to decode while reading.
    func startFilling(_ grid: TokenGrid, arena: ByteArena, columns: JSONColumns) {
        grid.reset()
        if !eagerTypes.isEmpty { grid.eagerNested = EagerNestedColumns(types: eagerTypes, columns: columns) }
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
        while grid.rowCount < grid.rowCapacity {
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
        pendingLane = nil
    }
}

extension JSONReader: TokenSource {
    var path: String { source.path }
    var invalidUTF8: CSVOptions.InvalidUTF8 { options.invalidUTF8 }
    var quote: UInt8 { 34 }
    var rowsSkipped: Int { 0 }
    var rowsPadded: Int { 0 }
    var keepsNested: Bool { options.nested == .keep }

    func decodeNestedWhileReading(_ types: [String: ColumnType]) {
        eagerTypes = options.nested == .keep ? types.filter { $0.value.isNested } : [:]
    }
}
