import Foundation

/// A streaming CSV reader: detects the dialect on the first block, then tokenizes the file
/// block by block into reusable batches. Memory stays at about two blocks plus one batch.
///
/// Typed access goes through ``next(schema:)``; ``SchemaInference`` and ``FormatConverter``
/// use the same reader.
public final class CSVReader {
    /// Column names (from the header, or `column1`... without one).
    public let columnNames: [String]
    /// The field separator in use.
    public let delimiter: UInt8
    /// Whether the first row was taken as a header.
    public let hasHeader: Bool
    /// The options the reader was opened with.
    public let options: CSVOptions
    /// Data rows returned so far.
    public private(set) var rowsRead = 0
    /// Rows dropped by the `.skip` policy.
    public var rowsSkipped: Int { tokenizer.rowsSkipped }
    /// Rows completed or cut by the `.pad` policy.
    public var rowsPadded: Int { tokenizer.rowsPadded }
    /// Size of the input file in bytes.
    public var inputBytes: Int64 { source.fileSize }

    let source: BlockFileReader
    var tokenizer: CSVTokenizer
    let grid: TokenGrid
    private var pendingConsumed: Int
    /// Decoder state of ``next(schema:nullTokens:)``.
    var typedBuilder: BatchBuilder?
    private let dataStart: Int
    private let dataStartLine: Int
    /// Whether the bytes of the current batch are all ASCII (no UTF-8 check needed).
    private(set) var batchIsASCII = true

    /// Opens `url` and reads its first block to settle the delimiter, header and column count.
    public init(url: URL, options: CSVOptions = CSVOptions()) throws(FormatError) {
        self.options = options
        source = try BlockFileReader(url: url, blockSize: options.blockSize)
        // Make sure the first block holds at least one whole record (or the whole file).
        try source.advance(consumed: 0)
        var bom = 0
        var sample: [CSVSniffer.Record] = []
        var chosen: UInt8 = options.delimiter ?? 44
        while true {
            let b = UnsafePointer(source.buffer)
            bom = source.filled >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            let n = min(source.filled, bom + (1 << 20))
            let final = source.atEOF && n == source.filled
            chosen = options.delimiter ?? CSVSniffer.detectDelimiter(b + bom, n - bom, quote: options.quote, final: final)
            sample = CSVSniffer.records(b + bom, n - bom, delimiter: chosen, quote: options.quote, final: final, limit: 50)
            if !sample.isEmpty || source.atEOF { break }
            try source.advance(consumed: 0)
        }
        delimiter = chosen
        let header: Bool
        switch options.header {
        case .present: header = !sample.isEmpty
        case .absent: header = false
        case .detect: header = CSVSniffer.looksLikeHeader(sample)
        }
        hasHeader = header
        let width = sample.first?.fields.count ?? 0
        var names: [String] = []
        if header, let first = sample.first {
            for (i, f) in first.fields.enumerated() {
                guard UTF8Validation.firstInvalid(f) == nil || options.invalidUTF8 == .replace else {
                    throw FormatError.at(
                        .invalidUTF8, "the header is not valid UTF-8; re-encode the file as UTF-8, or convert with --invalid-utf8 replace (invalidUTF8 .replace) to write U+FFFD instead",
                        line: 1, column: "column\(i + 1)", path: url.path)
                }
                names.append(String(decoding: f, as: UTF8.self).trimmingCharacters(in: .whitespaces))
            }
        } else {
            names = (0..<width).map { "column\($0 + 1)" }
        }
        columnNames = Self.uniqueNames(names)
        var start = bom
        var line = 1
        if header, let first = sample.first {
            start = bom + first.end
            line += SWAR.count(10, in: UnsafePointer(source.buffer) + bom, first.end)
        }
        dataStart = start
        dataStartLine = line
        pendingConsumed = start
        tokenizer = CSVTokenizer(
            delimiter: chosen, quote: options.quote, trim: options.trimWhitespace, ragged: options.raggedRows,
            columnCount: width)
        tokenizer.line = line
        // A small file (its buffer sized to it) has at most one record per byte.
        let rowsInFile = source.blockSize < options.blockSize ? Int(clamping: source.fileSize + 1) : options.batchRows
        grid = TokenGrid(rowCapacity: TokenGrid.rows(forColumns: width, preferred: min(options.batchRows, rowsInFile)), columnCount: width)
    }

    /// Makes names non-empty and distinct (`a`, `a_2`, ...).
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (i, raw) in names.enumerated() {
            var name = raw.isEmpty ? "column\(i + 1)" : raw
            var k = 2
            while seen.contains(name) {
                name = "\(raw.isEmpty ? "column\(i + 1)" : raw)_\(k)"
                k += 1
            }
            seen.insert(name)
            out.append(name)
        }
        return out
    }

    /// The next batch of tokenized rows, or nil at the end of the file. The grid (and the
    /// buffer it points into) is valid until the next call.
    func nextGrid() throws(FormatError) -> TokenGrid? {
        try source.advance(consumed: pendingConsumed)
        pendingConsumed = 0
        while true {
            let final = source.atEOF
            let consumed = try tokenizer.tokenize(
                UnsafePointer(source.buffer), source.filled, final: final, bufferOffset: source.bufferOffset, into: grid)
            if grid.rowCount > 0 {
                pendingConsumed = consumed
                rowsRead += grid.rowCount
                batchIsASCII = SWAR.isASCII(UnsafePointer(source.buffer), consumed)
                return grid
            }
            if final { return nil }
            try source.advance(consumed: consumed)
        }
    }

    /// Goes back to the first data row, for a second pass over the file.
    func rewind() throws(FormatError) {
        try source.rewind()
        try source.advance(consumed: 0)
        pendingConsumed = dataStart
        tokenizer.line = dataStartLine
        tokenizer.rowsSkipped = 0
        tokenizer.rowsPadded = 0
        rowsRead = 0
    }
}
