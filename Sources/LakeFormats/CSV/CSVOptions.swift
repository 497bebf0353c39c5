/// How to read a CSV (or TSV, or any delimited) file. Every field has a default that suits
/// typical exports; `nil` delimiter and `.detect` header mean "look at the data".
public struct CSVOptions: Sendable, Hashable {
    /// Whether the first row names the columns.
    public enum Header: Sendable, Hashable {
        /// The first row is a header when its fields are all non-empty, distinct, and text that
        /// is not a number, bool, date or timestamp. A file whose first row is typed data has no
        /// header; a file of only text columns is taken to have one (as pyarrow and DuckDB do).
        case detect
        /// The first row is a header.
        case present
        /// There is no header; columns are named `column1`, `column2`, ...
        case absent
    }

    /// What to do with a row whose field count differs from the header's.
    public enum RaggedRows: Sendable, Hashable {
        /// Stop with an error naming the line.
        case error
        /// Drop the row and count it.
        case skip
        /// Fill missing fields with null and drop extra fields; count the row as padded.
        case pad
    }

    /// What to do with bytes that are not valid UTF-8.
    public enum InvalidUTF8: Sendable, Hashable {
        /// Stop with an error naming the line.
        case error
        /// Replace each invalid sequence with U+FFFD.
        case replace
    }

    /// Field separator; nil detects among `,` `;` tab `|` on a sample.
    public var delimiter: UInt8?
    /// The quote character (doubled inside a quoted field to stand for itself).
    public var quote: UInt8
    /// Header handling.
    public var header: Header
    /// Remove spaces and tabs around unquoted fields.
    public var trimWhitespace: Bool
    /// Policy for rows with too few or too many fields.
    public var raggedRows: RaggedRows
    /// Policy for invalid UTF-8.
    public var invalidUTF8: InvalidUTF8
    /// Bytes read from the file at a time; a record longer than this grows the buffer.
    public var blockSize: Int
    /// Most rows per batch.
    public var batchRows: Int

    /// Defaults: detect delimiter and header, `"` quotes, no trimming, ragged rows are errors,
    /// invalid UTF-8 is an error, 4 MiB reads, batches of at most 65,536 rows.
    public init(
        delimiter: UInt8? = nil, quote: UInt8 = UInt8(ascii: "\""), header: Header = .detect,
        trimWhitespace: Bool = false, raggedRows: RaggedRows = .error, invalidUTF8: InvalidUTF8 = .error,
        blockSize: Int = 4 << 20, batchRows: Int = 65_536
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.header = header
        self.trimWhitespace = trimWhitespace
        self.raggedRows = raggedRows
        self.invalidUTF8 = invalidUTF8
        self.blockSize = blockSize
        self.batchRows = batchRows
    }
}
