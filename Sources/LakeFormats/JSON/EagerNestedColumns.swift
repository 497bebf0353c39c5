/// The nested columns of one grid, decoded by the JSON record parser as it reads the records
/// (`nested: keep` with a known schema): each object or array is parsed once, straight from
/// the read buffer into its ``NestedColumnBuilder``, instead of being checked and copied by the
/// parser and parsed again by the decoder.
///
/// The parser still keeps every nested cell's text in the grid, so nothing else changes: the
/// decoder takes a column from here only when every row of the grid was decoded here
/// (``column(_:rows:)``), and otherwise reads the cells' text as before. A column is left to
/// the decoder for the rest of the grid (``giveUp(_:)``) at the first value its builder does not
/// take (a misfit, which the decoder then reports with its row), at a scalar, and at a key
/// given twice in a record. A record cut by the end of the read buffer is parsed again later,
/// so its values are taken back (``truncate(to:)``).
///
/// A builder accepts only well-formed JSON (``JSONCursor`` checks numbers, strings and
/// structure), so the parser's own check of the text is skipped for values taken here.
final class EagerNestedColumns {
    private let types: [String: ColumnType]
    private let columns: JSONColumns
    @exclusivity(unchecked) private var builders: [NestedColumnBuilder?] = []
    /// Per column: `unknown` until looked at, then `building` or `left` (to the decoder).
    @exclusivity(unchecked) private var status: [UInt8] = []
    /// The columns being built, to fill rows that did not mention them.
    @exclusivity(unchecked) private var active: [Int] = []

    private static let unknown: UInt8 = 0
    private static let building: UInt8 = 1
    private static let left: UInt8 = 2

    /// `types`: the nested fields of the schema by column name.
    init(types: [String: ColumnType], columns: JSONColumns) {
        self.types = types
        self.columns = columns
    }

    /// The builder for `column`'s value in `row` (an object or array), started the first time
    /// with nulls for the rows before; nil when the column is left to the decoder.
    @inline(__always)
    func builder(column: Int, row: Int) -> NestedColumnBuilder? {
        if column < status.count {
            let s = status[column]
            if s == Self.building { return builders[column] }
            if s == Self.left { return nil }
        }
        return start(column: column, row: row)
    }

    private func start(column: Int, row: Int) -> NestedColumnBuilder? {
        grow(to: column)
        guard column < columns.names.count, let type = types[columns.names[column]], type.isNested else {
            status[column] = Self.left
            return nil
        }
        let builder = NestedColumnBuilder(type: type)
        for _ in 0..<row { builder.appendNull() }
        builders[column] = builder
        status[column] = Self.building
        active.append(column)
        return builder
    }

    private func grow(to column: Int) {
        while status.count <= column {
            status.append(Self.unknown)
            builders.append(nil)
        }
    }

    /// A scalar value in `column`: a nested column's cells go to the decoder from now on.
    @inline(__always)
    func scalar(_ column: Int) {
        if column < status.count, status[column] == Self.left { return }
        giveUp(column)
    }

    /// Leaves `column` to the decoder for the rest of this grid.
    func giveUp(_ column: Int) {
        grow(to: column)
        status[column] = Self.left
        builders[column] = nil
        active.removeAll { $0 == column }
    }

    /// Ends `row`: columns being built that it did not mention (or held null) get a null.
    @inline(__always)
    func endRow(_ row: Int) {
        for column in active {
            guard let builder = builders[column] else { continue }
            if builder.count == row { builder.appendNull() }
        }
    }

    /// Takes back the values of rows from `row` on (a record cut by the end of the buffer).
    func truncate(to row: Int) {
        for column in active { builders[column]?.truncate(to: row) }
    }

    /// Column `c` when all `rows` rows were decoded here; nil when the decoder reads its cells.
    func column(_ c: Int, rows: Int) -> Column? {
        guard c < status.count, status[c] == Self.building, let builder = builders[c], builder.count == rows else { return nil }
        return builder.column()
    }
}
