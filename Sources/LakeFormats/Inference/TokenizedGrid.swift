/// A batch of tokens together with what decoding it needs to know of its source at the time it
/// was read (the column names met so far, whether its bytes are ASCII), so it can be decoded on
/// another thread while the source reads on.
struct TokenizedGrid: @unchecked Sendable {
    let grid: TokenGrid
    let names: [String]
    let isASCII: Bool

    /// The source's current batch `grid`.
    init(_ grid: TokenGrid, of source: any TokenSource) {
        self.grid = grid
        names = source.columnNames
        isASCII = source.batchIsASCII
    }
}
