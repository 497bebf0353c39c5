/// A text input tokenized batch by batch into ``TokenGrid``s: the common face of the CSV and
/// JSON readers for inference and conversion.
protocol TokenSource: AnyObject {
    /// Column names known so far (a JSON source adds names as it meets new keys).
    var columnNames: [String] { get }
    /// The next batch, or nil at the end; valid until the next call.
    func nextGrid() throws(FormatError) -> TokenGrid?
    /// Back to the first record, for another pass.
    func rewind() throws(FormatError)
    /// Whether the current batch's bytes are all ASCII (strings need no UTF-8 check).
    var batchIsASCII: Bool { get }
    /// Rows dropped by a ragged-row policy.
    var rowsSkipped: Int { get }
    /// Rows padded or cut by a ragged-row policy.
    var rowsPadded: Int { get }
    /// Size of the input in bytes.
    var inputBytes: Int64 { get }
    /// The input's path, for errors.
    var path: String { get }
    /// Policy for invalid UTF-8 in strings.
    var invalidUTF8: CSVOptions.InvalidUTF8 { get }
    /// The CSV quote byte (for unescaping); JSON sources unescape themselves.
    var quote: UInt8 { get }
    /// Whether nested cells (JSON objects and arrays) become nested columns.
    var keepsNested: Bool { get }
    /// Asks the source to hand out `count` grids in turn, so each stays valid while the next
    /// `count - 1` are read; false when it cannot (its grids point into its read buffer).
    func useBuffers(_ count: Int) -> Bool
    /// Asks the source to decode the nested columns of `types` (by column name) as it reads,
    /// where it can (``TokenGrid/eagerNested``); an empty dictionary stops it.
    func decodeNestedWhileReading(_ types: [String: ColumnType])
    /// Asks the source to decode whole records into columns of `fields` as it reads, where it
    /// can, without keeping cells (``TokenGrid/records``); nil stops it, and so does
    /// ``decodeNestedWhileReading(_:)``.
    func decodeRecordsWhileReading(_ fields: [Field]?)
    /// Makes the next read start at the first record of `grid` (one handed out before, whose
    /// records were decoded without cells), with cells again.
    func readAgain(from grid: TokenGrid)
    /// A hint that the next grids need hold no more than `rows` rows (nil: as many as fit),
    /// so a sample does not parse a whole block to profile part of it.
    func limitGridRows(_ rows: Int?)
}

extension TokenSource {
    var keepsNested: Bool { false }
    func useBuffers(_ count: Int) -> Bool { count <= 1 }
    func decodeNestedWhileReading(_ types: [String: ColumnType]) {}
    func decodeRecordsWhileReading(_ fields: [Field]?) {}
    func readAgain(from grid: TokenGrid) {}
    func limitGridRows(_ rows: Int?) {}

    /// Profiles up to `rows` rows from the current position into `profiler`, asking the
    /// source for no more rows than the profile takes.
    func profileSample(into profiler: inout SchemaProfiler, rows: Int) throws(FormatError) {
        defer { limitGridRows(nil) }
        while profiler.rows < rows {
            limitGridRows(rows - profiler.rows)
            guard let grid = try nextGrid() else { return }
            profiler.observe(grid, rowLimit: rows - profiler.rows)
        }
    }
}

extension CSVReader: TokenSource {
    var path: String { source.path }
    var invalidUTF8: CSVOptions.InvalidUTF8 { options.invalidUTF8 }
    var quote: UInt8 { options.quote }
}
