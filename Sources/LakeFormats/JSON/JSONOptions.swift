/// How to read JSON input: an array of objects or JSON Lines, streamed block by block.
public struct JSONOptions: Sendable, Hashable {
    /// What to do with an object nested inside a record.
    public enum Nested: Sendable, Hashable {
        /// One column per leaf, named by the path joined with ``JSONOptions/separator``
        /// (`{"a":{"b":1}}` gives column `a.b`).
        case flatten
        /// One string column holding the object's JSON text.
        case keepAsJSON
        /// Objects and arrays kept as nested columns: structs, lists and maps, their types
        /// inferred from the merged shapes of the values (``NestedShape``).
        case keep
    }

    /// Nested objects: flattened (default), kept as JSON text, or kept as nested columns.
    /// Arrays are JSON text unless ``Nested/keep``.
    public var nested: Nested
    /// Joins path segments of flattened columns.
    public var separator: String
    /// Bytes read at a time; a record longer than this grows the buffer.
    public var blockSize: Int
    /// Most rows per batch.
    public var batchRows: Int
    /// Policy for strings that are not valid UTF-8.
    public var invalidUTF8: CSVOptions.InvalidUTF8
    /// Deepest nesting accepted.
    public var maxDepth: Int
    /// Whole records decoded while reading where they can be (``JSONReader/parseRecords(_:fields:)``);
    /// tests turn it off to compare with decoding the cells.
    var decodesRecords = true

    /// Defaults: flatten with `.`, 4 MiB reads, 65,536-row batches, invalid UTF-8 is an error,
    /// nesting up to 256 levels.
    public init(
        nested: Nested = .flatten, separator: String = ".", blockSize: Int = 4 << 20, batchRows: Int = 65_536,
        invalidUTF8: CSVOptions.InvalidUTF8 = .error, maxDepth: Int = 256
    ) {
        self.nested = nested
        self.separator = separator
        self.blockSize = blockSize
        self.batchRows = batchRows
        self.invalidUTF8 = invalidUTF8
        self.maxDepth = maxDepth
    }
}
