#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the record parser stopped early.
enum JSONStop: Error {
    /// The buffer ends inside the record; more bytes are needed.
    case incomplete
    /// The text is not valid JSON (or not an object where one is needed).
    case failed(FormatError)
    /// A new column would take the grid past its cell budget: end the batch before this record.
    case gridFull
}

/// Parses one JSON object (a record) from a byte buffer into one row of a ``TokenGrid``: leaf
/// values become cells in an arena (strings unescaped, numbers as their exact text), nested
/// objects are flattened to `a.b` paths or kept as JSON text, arrays are kept as JSON text.
struct JSONRecordParser {
    let buf: UnsafePointer<UInt8>
    let n: Int
    let final: Bool
    let bufferOffset: Int64
    let arena: ByteArena
    let grid: TokenGrid
    let columns: JSONColumns
    let flatten: Bool
    let separator: [UInt8]
    let maxDepth: Int
    /// The grid's nested columns decoded while reading (nil: nested cells are only kept as text).
    let eager: EagerNestedColumns?
    var pos: Int
    var line: Int
    var row = 0
    /// Where the record last begun by ``parseNextRow()`` starts (also after it threw).
    private(set) var recordStart = 0
    private(set) var recordLine = 0
    private(set) var path: [UInt8] = []
    private var ordinal = 0

    init(
        buf: UnsafePointer<UInt8>, n: Int, final: Bool, bufferOffset: Int64, arena: ByteArena, grid: TokenGrid,
        columns: JSONColumns, options: JSONOptions, pos: Int, line: Int
    ) {
        self.buf = buf
        self.n = n
        self.final = final
        self.bufferOffset = bufferOffset
        self.arena = arena
        self.grid = grid
        self.columns = columns
        flatten = options.nested == .flatten
        separator = Array(options.separator.utf8)
        maxDepth = options.maxDepth
        eager = grid.eagerNested
        self.pos = pos
        self.line = line
    }

    mutating func appendToPath(_ p: UnsafePointer<UInt8>, _ count: Int) {
        path.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }

    func fail(_ what: String) -> JSONStop {
        .failed(
            FormatError.at(
                .syntax, what, hint: "fix the JSON text at this position", line: line,
                byteOffset: Int(bufferOffset) + pos))
    }

    /// Skips whitespace, counting line feeds. Returns false at the end of the buffer.
    @inline(__always)
    mutating func skipSpace() -> Bool {
        while pos < n {
            let c = buf[pos]
            if c > 32 { return true }  // most bytes: one comparison
            if c == 10 {
                line += 1
            } else if c != 32 && c != 9 && c != 13 {
                return true
            }
            pos += 1
        }
        return false
    }

    /// Parses the record at `pos` as the grid's next row and adds the row (its line and byte
    /// offset). When it throws, nothing was added but the text and nested values of the record
    /// (``takeBack(arenaMark:)``).
    mutating func parseNextRow() throws(JSONStop) {
        recordStart = pos
        recordLine = line
        row = grid.rowCount
        try parseRecord()
        grid.rowLines[row] = recordLine
        grid.rowOffsets[row] = bufferOffset + Int64(recordStart)
        grid.rowCount += 1
    }

    /// Takes back what a record that threw left: its text in the arena (from `arenaMark` on) and
    /// its values in the nested columns decoded while reading.
    func takeBack(arenaMark: Int) {
        arena.count = arenaMark
        eager?.truncate(to: grid.rowCount)
    }

    /// Parses the object at `pos` into row `row` of the grid.
    mutating func parseRecord() throws(JSONStop) {
        guard pos < n else { throw .incomplete }
        guard buf[pos] == 123 else { throw fail("expected an object ({) as a record") }
        ordinal = 0
        path.removeAll(keepingCapacity: true)
        try parseMembers(depth: 1)
        eager?.endRow(row)
        // Columns this record did not mention are missing.
        let cap = grid.rowCapacity
        for c in 0..<columns.names.count where columns.marks[c] != row {
            let i = c * cap + row
            grid.starts[i] = 0
            grid.lengths[i] = 0
            grid.kinds[i] = CellKind.missing
        }
    }

    /// Parses `{ members }` at `pos`; keys get the current path as prefix.
    private mutating func parseMembers(depth: Int) throws(JSONStop) {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth) levels") }
        pos += 1  // {
        guard skipSpace() else { throw .incomplete }
        if buf[pos] == 125 {
            pos += 1
            return
        }
        while true {
            guard skipSpace() else { throw .incomplete }
            guard buf[pos] == 34 else { throw fail("expected a key string") }
            let prefix = path.count
            // A top-level key without escapes is looked up where it lies in the buffer; only
            // nested paths and escaped keys are built up in `path`.
            let keyStart = pos + 1
            let keyEnd = prefix == 0 ? SWAR.findStringStop(buf, from: keyStart, n) : n
            let inPlace = keyEnd < n && buf[keyEnd] == 34
            if inPlace { pos = keyEnd + 1 } else { try readKey() }
            guard skipSpace() else { throw .incomplete }
            guard buf[pos] == 58 else { throw fail("expected ':' after a key") }
            pos += 1
            guard skipSpace() else { throw .incomplete }
            if buf[pos] == 123 && flatten {
                if inPlace { appendToPath(buf + keyStart, keyEnd - keyStart) }
                path.append(contentsOf: separator)
                try parseMembers(depth: depth + 1)
            } else {
                let column =
                    inPlace
                    ? columns.column(
                        for: UnsafeBufferPointer(start: buf + keyStart, count: keyEnd - keyStart), readable: n - keyStart,
                        ordinal: ordinal)
                    : path.withUnsafeBufferPointer { columns.column(for: $0, ordinal: ordinal) }
                ordinal += 1
                if column >= grid.columnCount {
                    if columns.names.count * grid.rowCapacity > TokenGrid.cellBudget,
                        grid.rowCapacity > TokenGrid.minimumRows
                    {
                        throw .gridFull
                    }
                    grid.ensureColumns(columns.names.count)
                }
                if let eager, columns.marks[column] == row {
                    // A key given twice: the last value counts, as the decoder reads it.
                    eager.giveUp(column)
                }
                try parseValue(column: column, depth: depth)
            }
            if path.count > prefix { path.removeLast(path.count - prefix) }
            guard skipSpace() else { throw .incomplete }
            let c = buf[pos]
            pos += 1
            if c == 44 { continue }
            if c == 125 { return }
            pos -= 1
            throw fail("expected ',' or '}' in an object")
        }
    }

    @inline(__always)
    private mutating func setCell(_ column: Int, start: Int, length: Int, kind: UInt8) {
        let i = column * grid.rowCapacity + row
        grid.starts[i] = Int32(truncatingIfNeeded: start)
        grid.lengths[i] = Int32(truncatingIfNeeded: length)
        grid.kinds[i] = kind
        columns.marks[column] = row
    }

    /// Parses a value into a cell of `column`.
    private mutating func parseValue(column: Int, depth: Int) throws(JSONStop) {
        let c = buf[pos]
        let start = arena.count
        switch c {
        case 34:
            eager?.scalar(column)
            try readString(into: arena)
            setCell(column, start: start, length: arena.count - start, kind: CellKind.jsonString)
        case 123, 91:
            let from = pos
            if let builder = eager?.builder(column: column, row: row) {
                try decodeNested(into: builder, column: column, depth: depth)
            } else {
                try skipValue(depth: depth)
            }
            arena.append(buf + from, pos - from)
            setCell(column, start: start, length: pos - from, kind: CellKind.jsonRaw)
        case 116, 102:
            eager?.scalar(column)
            let word: StaticString = c == 116 ? "true" : "false"
            try literal(word)
            arena.append(buf + pos - word.utf8CodeUnitCount, word.utf8CodeUnitCount)
            setCell(column, start: start, length: word.utf8CodeUnitCount, kind: CellKind.jsonBool)
        case 110:
            try literal("null")
            setCell(column, start: start, length: 0, kind: CellKind.jsonNull)
        default:
            eager?.scalar(column)
            let from = pos
            try number()
            arena.append(buf + from, pos - from)
            setCell(column, start: start, length: pos - from, kind: CellKind.jsonNumber)
        }
    }

    /// Decodes the object or array at `pos` into `builder` (which checks it as ``skipValue(depth:)``
    /// would), moving `pos` past it. When the builder does not take it, the value is checked and
    /// skipped as usual and the column left to the decoder, which reports the misfit.
    private mutating func decodeNested(into builder: NestedColumnBuilder, column: Int, depth: Int) throws(JSONStop) {
        let from = pos
        var cursor = JSONCursor(UnsafeRawBufferPointer(start: buf + from, count: n - from))
        if builder.append(&cursor, depth: maxDepth - depth + 1) {
            pos = from + cursor.pos
            countLines(from: from, to: pos)
            return
        }
        // Cut by the end of the buffer (.incomplete: the record is read again, its values taken
        // back), malformed (.failed), or a misfit.
        try skipValue(depth: depth)
        eager?.giveUp(column)
    }

    /// Counts the line feeds in `buf[from..<to]`.
    @inline(__always)
    private mutating func countLines(from: Int, to: Int) {
        var p = from
        while p < to, let hit = memchr(buf + p, 10, to - p) {
            line += 1
            p = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - buf + 1
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONStop) {
        let w = word.utf8CodeUnitCount
        let p = word.utf8Start
        var i = 0
        while i < w {
            guard pos + i < n else { throw final ? fail("unexpected end of input") : .incomplete }
            guard buf[pos + i] == p[i] else { throw fail("invalid literal") }
            i += 1
        }
        pos += w
    }

    /// A number per RFC 8259; the text is kept as is.
    mutating func number() throws(JSONStop) {
        var i = pos
        @inline(__always) func digits(_ i: inout Int) -> Int {
            let s = i
            while i < n, ByteParse.isDigit(buf[i]) { i += 1 }
            return i - s
        }
        if i < n, buf[i] == 45 { i += 1 }
        let intDigits = digits(&i)
        guard intDigits > 0 else { throw i >= n && !final ? .incomplete : fail("invalid value") }
        if intDigits > 1, buf[i - intDigits] == 48 { throw fail("a number has a leading zero") }
        if i < n, buf[i] == 46 {
            i += 1
            guard digits(&i) > 0 else { throw i >= n && !final ? .incomplete : fail("invalid number") }
        }
        if i < n, buf[i] | 0x20 == 101 {
            i += 1
            if i < n, buf[i] == 43 || buf[i] == 45 { i += 1 }
            guard digits(&i) > 0 else { throw i >= n && !final ? .incomplete : fail("invalid number") }
        }
        guard i < n || final else { throw .incomplete }
        pos = i
    }
}
