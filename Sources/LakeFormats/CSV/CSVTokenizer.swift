/// Splits delimited text into fields, RFC 4180 style, straight from a byte buffer.
///
/// `tokenize` fills a ``TokenGrid`` with complete records only; a record cut by the end of the
/// buffer is left for the next call (the caller carries the unconsumed bytes over), so block
/// boundaries may fall anywhere: inside quotes, between `\r` and `\n`, inside a field.
struct CSVTokenizer {
    let delimiter: UInt8
    let quote: UInt8
    let trim: Bool
    let ragged: CSVOptions.RaggedRows
    /// Fields per record (the header's count).
    var columnCount: Int
    /// 1-based line of the next record.
    var line = 1
    var rowsSkipped = 0
    var rowsPadded = 0

    init(delimiter: UInt8, quote: UInt8, trim: Bool, ragged: CSVOptions.RaggedRows, columnCount: Int) {
        self.delimiter = delimiter
        self.quote = quote
        self.trim = trim
        self.ragged = ragged
        self.columnCount = columnCount
    }

    static let lf: UInt8 = 10
    static let cr: UInt8 = 13

    /// Tokenizes whole records of `buf[0..<n]` into `grid` (which is reset) until the buffer or
    /// the grid is full. `final` says no more bytes follow. Returns the bytes consumed.
    mutating func tokenize(
        _ buf: UnsafePointer<UInt8>, _ n: Int, final: Bool, bufferOffset: Int64, into grid: TokenGrid
    ) throws(FormatError) -> Int {
        grid.reset()
        grid.base = UnsafeRawPointer(buf)
        let cols = columnCount
        let rowCap = grid.rowCapacity
        let starts = grid.starts
        let lengths = grid.lengths
        let kinds = grid.kinds
        let d = delimiter
        let q = quote
        let wd = SWAR.broadcast(d)
        let wq = SWAR.broadcast(q)
        let wlf = SWAR.broadcast(Self.lf)
        let wcr = SWAR.broadcast(Self.cr)
        var pos = 0
        var rows = 0
        defer { grid.rowCount = rows }

        recordLoop: while pos < n && rows < rowCap {
            let recordStart = pos
            var col = 0
            var cell = rows
            var extraLines = 0
            fieldLoop: while true {
                var fieldStart = pos
                var fieldLength: Int
                var kind = CellKind.plain
                if trim { fieldStart = skipBlanks(buf, fieldStart, n) }
                if fieldStart < n && buf[fieldStart] == q {
                    let linesBeforeField = extraLines
                    var p = fieldStart + 1
                    var escaped = false
                    var closing = -1
                    while true {
                        let i = SWAR.find2(buf, from: p, n, q, Self.lf, wq, wlf)
                        if i >= n { break }
                        if buf[i] == Self.lf {
                            extraLines += 1
                            p = i + 1
                            continue
                        }
                        if i + 1 < n {
                            if buf[i + 1] == q {
                                escaped = true
                                p = i + 2
                                continue
                            }
                            closing = i
                            break
                        }
                        if final { closing = i }
                        break
                    }
                    if closing < 0 {
                        if final {
                            throw FormatError.at(
                                .unterminated, "a quoted field is not closed before the end of the input; check the quoting",
                                line: line, byteOffset: Int(bufferOffset) + fieldStart)
                        }
                        return recordStart
                    }
                    pos = closing + 1
                    if trim { pos = skipBlanks(buf, pos, n) }
                    if pos < n, buf[pos] != d, buf[pos] != Self.lf, buf[pos] != Self.cr {
                        // Text after the closing quote: keep the raw field and unescape it later.
                        guard let (end, lines) = scanMixed(buf, from: fieldStart, n, final: final) else {
                            return recordStart
                        }
                        extraLines = linesBeforeField + lines
                        pos = end
                        fieldLength = end - fieldStart
                        kind = CellKind.mixed
                        if trim { fieldLength = trimmedLength(buf, fieldStart, fieldLength) }
                    } else {
                        fieldStart += 1
                        fieldLength = closing - fieldStart
                        kind = escaped ? CellKind.quotedEscaped : CellKind.quoted
                    }
                } else {
                    let e = SWAR.find3(buf, from: fieldStart, n, d, Self.lf, Self.cr, wd, wlf, wcr)
                    if e >= n && !final { return recordStart }
                    pos = e
                    fieldLength = e - fieldStart
                    if trim { fieldLength = trimmedLength(buf, fieldStart, fieldLength) }
                }
                if col < cols {
                    starts[cell] = Int32(truncatingIfNeeded: fieldStart)
                    lengths[cell] = Int32(truncatingIfNeeded: fieldLength)
                    kinds[cell] = kind
                }
                col += 1
                cell &+= rowCap
                if pos >= n { break fieldLoop }
                let c = buf[pos]
                if c == d {
                    pos += 1
                    if pos >= n && !final { return recordStart }
                    if pos >= n {
                        // A trailing delimiter at the very end: one more empty field.
                        if col < cols {
                            starts[cell] = Int32(truncatingIfNeeded: pos)
                            lengths[cell] = 0
                            kinds[cell] = CellKind.plain
                        }
                        col += 1
                        break fieldLoop
                    }
                    continue fieldLoop
                }
                if c == Self.lf {
                    pos += 1
                    break fieldLoop
                }
                // CR: alone or followed by LF.
                if pos + 1 < n {
                    pos += buf[pos + 1] == Self.lf ? 2 : 1
                } else if final {
                    pos += 1
                } else {
                    return recordStart
                }
                break fieldLoop
            }
            let recordLine = line
            line += 1 + extraLines
            if col == 1 && cols > 0 && lengths[rows] == 0 && kinds[rows] == CellKind.plain {
                continue recordLoop  // blank line
            }
            if col != cols {
                switch ragged {
                case .error:
                    throw FormatError.at(
                        .raggedRow,
                        "row has \(col) fields, the header has \(cols); fix the row or read with raggedRows .skip or .pad",
                        line: recordLine, byteOffset: Int(bufferOffset) + recordStart)
                case .skip:
                    rowsSkipped += 1
                    continue recordLoop
                case .pad:
                    rowsPadded += 1
                    var c = col
                    while c < cols {
                        let idx = c &* rowCap &+ rows
                        starts[idx] = 0
                        lengths[idx] = 0
                        kinds[idx] = CellKind.missing
                        c += 1
                    }
                }
            }
            grid.rowLines[rows] = recordLine
            grid.rowOffsets[rows] = bufferOffset + Int64(recordStart)
            rows += 1
        }
        return pos
    }

    @inline(__always)
    private func skipBlanks(_ buf: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
        var i = from
        while i < n, (buf[i] == 32 || buf[i] == 9), buf[i] != delimiter { i += 1 }
        return i
    }

    @inline(__always)
    private func trimmedLength(_ buf: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Int {
        var l = length
        while l > 0, buf[start + l - 1] == 32 || buf[start + l - 1] == 9, buf[start + l - 1] != delimiter { l -= 1 }
        return l
    }

    /// End of a field that mixes quoted and unquoted parts and the line feeds inside its quoted
    /// parts, or nil when the buffer ends first (and more bytes follow).
    private func scanMixed(
        _ buf: UnsafePointer<UInt8>, from start: Int, _ n: Int, final: Bool
    ) -> (Int, Int)? {
        var inQuote = false
        var i = start
        var newLines = 0
        while i < n {
            let c = buf[i]
            if c == quote {
                inQuote.toggle()
            } else if inQuote {
                if c == Self.lf { newLines += 1 }
            } else if c == delimiter || c == Self.lf || c == Self.cr {
                break
            }
            i += 1
        }
        if i >= n && !final { return nil }
        return (i, newLines)
    }
}
