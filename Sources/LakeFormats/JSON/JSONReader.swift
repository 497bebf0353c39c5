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
    private var ringIndex = 0
    private var pendingConsumed = 0
    /// Decoder state of ``next(schema:nullTokens:)``.
    var typedBuilder: BatchBuilder?
    private var line = 1
    private let dataStart: Int
    private var arrayClosed = false
    private var wantsSmallerGrid = false
    private(set) var batchIsASCII = true
    /// Nested columns to decode while reading, by name (``decodeNestedWhileReading(_:)``).
    private var eagerTypes: [String: ColumnType] = [:]

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
    func useBuffers(_ count: Int) -> Bool {
        if ring.isEmpty {
            let cells = grid.rowCapacity * max(1, columns.names.count)
            if count > 1, cells * count > TokenGrid.cellBudget {
                let rows = TokenGrid.rows(forColumns: max(1, columns.names.count) * count, preferred: grid.rowCapacity)
                if rows < grid.rowCapacity { grid = TokenGrid(rowCapacity: rows, columnCount: 0) }
            }
            ring = [(grid, arena)]
        }
        while ring.count < count {
            ring.append((TokenGrid(rowCapacity: grid.rowCapacity, columnCount: 0), ByteArena(capacity: arena.capacity)))
        }
        return true
    }

    /// Parses as many whole records of the buffer as fit in a batch.
    func nextGrid() throws(FormatError) -> TokenGrid? {
        try source.advance(consumed: pendingConsumed)
        pendingConsumed = 0
        if ring.count > 1 {
            ringIndex = (ringIndex + 1) % ring.count
            arena = ring[ringIndex].arena
            if ring[ringIndex].grid.rowCapacity > grid.rowCapacity {
                // An earlier batch found the rows too wide: every grid of the ring gets smaller.
                ring[ringIndex].grid = TokenGrid(rowCapacity: grid.rowCapacity, columnCount: 0)
            }
            grid = ring[ringIndex].grid
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
                rowsRead += grid.rowCount
                grid.base = UnsafeRawPointer(arena.base)
                batchIsASCII = SWAR.isASCII(arena.base, arena.count)
                return grid
            }
            if done || source.atEOF { return nil }
            try source.advance(consumed: consumed)
        }
    }

    /// Fills the grid from the buffer; returns bytes consumed and whether the input is over.
    private func parseRecords() throws(FormatError) -> (Int, Bool) {
        grid.reset()
        if !eagerTypes.isEmpty { grid.eagerNested = EagerNestedColumns(types: eagerTypes, columns: columns) }
        grid.ensureColumns(columns.names.count)
        arena.count = 0
        columns.resetMarks()
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
            let recordPos = parser.pos
            let recordLine = parser.line
            parser.row = grid.rowCount
            do {
                try parser.parseRecord()
            } catch {
                switch error {
                case .incomplete:
                    if final {
                        throw FormatError.at(
                            .unterminated, "the input ends inside a record", hint: "the file may be cut short",
                            line: recordLine, byteOffset: Int(source.bufferOffset) + recordPos, path: source.path)
                    }
                    arena.count = arenaMark
                    grid.eagerNested?.truncate(to: grid.rowCount)
                    line = recordLine
                    return (recordPos, false)
                case .failed(let e):
                    throw locating(e).inFile(source.path)
                case .gridFull:
                    arena.count = arenaMark
                    grid.eagerNested?.truncate(to: grid.rowCount)
                    line = recordLine
                    wantsSmallerGrid = true
                    return (recordPos, false)
                }
            }
            grid.rowLines[grid.rowCount] = recordLine
            grid.rowOffsets[grid.rowCount] = source.bufferOffset + Int64(recordPos)
            grid.rowCount += 1
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
