import Dispatch

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

    /// Observes rows `0..<rowLimit` of every column of `grid`. A large sample's columns are
    /// profiled side by side (each column's profile is its own); the sample is profiled before
    /// a conversion's stages start, so it is time no other work overlaps.
    mutating func observe(_ grid: TokenGrid, rowLimit: Int) {
        let rowCount = min(rowLimit, grid.rowCount)
        if profiles.count < grid.columnCount {
            profiles.append(contentsOf: repeatElement(ColumnProfile(), count: grid.columnCount - profiles.count))
        }
        guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else { return }
        if grid.columnCount > 1, rowCount >= Self.sideBySideRows {
            let job = ProfileJob(profiler: self, grid: grid, rows: rowCount, base: base, profiles: profiles)
            DispatchQueue.concurrentPerform(iterations: grid.columnCount) { c in job.run(column: c) }
            profiles = job.profiles
        } else {
            for c in 0..<grid.columnCount {
                profiles[c] = observe(column: c, of: grid, rows: rowCount, base: base, into: profiles[c], scratch: &scratch)
            }
        }
        rows += rowCount
    }

    /// Rows a sample grid needs before its columns are profiled side by side.
    static let sideBySideRows = 2048

    /// `profile` after observing rows `0..<rows` of column `c` of `grid`.
    func observe(
        column c: Int, of grid: TokenGrid, rows rowCount: Int, base: UnsafePointer<UInt8>, into profile: ColumnProfile,
        scratch: inout ColumnDecoder
    ) -> ColumnProfile {
        var profile = profile
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
        return profile
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

/// One sample grid's columns profiled side by side: each iteration reads the grid and writes
/// only its own column's profile (with its own unescaping scratch).
private final class ProfileJob: @unchecked Sendable {
    let profiler: SchemaProfiler
    let grid: TokenGrid
    let rows: Int
    let base: UnsafePointer<UInt8>
    private let slots: UnsafeMutableBufferPointer<ColumnProfile>

    init(profiler: SchemaProfiler, grid: TokenGrid, rows: Int, base: UnsafePointer<UInt8>, profiles: [ColumnProfile]) {
        self.profiler = profiler
        self.grid = grid
        self.rows = rows
        self.base = base
        slots = .allocate(capacity: profiles.count)
        _ = slots.initialize(from: profiles)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func run(column c: Int) {
        var scratch = ColumnDecoder(nulls: profiler.nulls, invalidUTF8: .replace, quote: profiler.quote)
        slots[c] = profiler.observe(column: c, of: grid, rows: rows, base: base, into: slots[c], scratch: &scratch)
    }

    var profiles: [ColumnProfile] { Array(slots) }
}
