/// Accumulates ``ColumnProfile``s over batches and resolves them to a schema.
struct SchemaProfiler {
    let options: InferenceOptions
    let nulls: NullTokens
    let quote: UInt8
    /// Whether JSON objects and arrays get nested types (`nested: keep`) rather than text.
    let nested: Bool
    var profiles: [ColumnProfile] = []
    var rows = 0
    private var scratch = ColumnDecoder(nulls: NullTokens([], quotedCanBeNull: false), invalidUTF8: .replace)

    init(options: InferenceOptions, quote: UInt8, nested: Bool = false) {
        self.options = options
        self.quote = quote
        self.nested = nested
        nulls = NullTokens(options.nullTokens, quotedCanBeNull: options.quotedNullTokens)
        scratch = ColumnDecoder(nulls: nulls, invalidUTF8: .replace, quote: quote)
    }

    /// Observes rows `0..<rowLimit` of every column of `grid`.
    mutating func observe(_ grid: TokenGrid, rowLimit: Int) {
        let rowCount = min(rowLimit, grid.rowCount)
        if profiles.count < grid.columnCount {
            profiles.append(contentsOf: repeatElement(ColumnProfile(), count: grid.columnCount - profiles.count))
        }
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else { return }
        for c in 0..<grid.columnCount {
            var profile = profiles[c]
            let o = c * grid.rowCapacity
            // The batch's nested values are merged into one shape, then into the profile once.
            var shapes: NestedShapeAccumulator?
            var malformed = false
            for r in 0..<rowCount {
                let k = grid.kinds[o + r]
                let n = Int(grid.lengths[o + r])
                let p = base + Int(grid.starts[o + r])
                if nulls.isNull(p, n, kind: k) {
                    profile.nulls += 1
                    continue
                }
                if nested && k == CellKind.jsonRaw {
                    profile.values += 1
                    let accumulator = shapes ?? NestedShapeAccumulator()
                    shapes = accumulator
                    var cursor = JSONCursor(UnsafeRawBufferPointer(start: p, count: n))
                    if accumulator.observe(&cursor, depth: NestedShapeAccumulator.maxDepth), cursor.consumedAll() {
                        profile.nestedValues += 1
                    } else {
                        malformed = true
                    }
                } else if k == CellKind.quotedEscaped || k == CellKind.mixed {
                    scratch.unescape(p, n, kind: k)
                    let copy = scratch.scratch
                    copy.withUnsafeBufferPointer { b in profile.observe(b.baseAddress, b.count, kind: CellKind.quoted) }
                } else {
                    profile.observe(p, n, kind: k)
                }
            }
            if let shapes {
                // A malformed value makes the column text (JSON text), as for ``RawJSON/parse(_:maxDepth:)``.
                let shape = malformed ? NestedShape.mixed : shapes.shape()
                profile.shape = profile.shape.map { $0.merged(shape) } ?? shape
            }
            profiles[c] = profile
        }
        rows += rowCount
    }

    /// Columns of `names` without any value so far: typed string for now, but their first
    /// value decides (the converter widens on it).
    func undetermined(names: [String]) -> Set<Int> {
        Set(names.indices.filter { $0 >= profiles.count || profiles[$0].values == 0 })
    }

    /// The schema for `names` (columns never observed are strings).
    func schema(names: [String]) -> Schema {
        Schema(
            names.enumerated().map { i, name in
                Field(name: name, type: i < profiles.count ? profiles[i].resolvedType(options) : .string, nullable: true)
            })
    }
}
