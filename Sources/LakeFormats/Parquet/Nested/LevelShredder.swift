/// Turns rows of a nested column into what each of its Parquet leaves stores (Dremel, as the
/// Parquet spec describes it): one definition and one repetition level per leaf entry, and the
/// leaf's present values packed densely.
///
/// The walk keeps, for the node being visited, one entry per position the node's leaves will
/// record: either a slot of the node's column (the value is there, so far) or a terminal entry
/// (something above it was null or an empty list; its levels are final).
enum LevelShredder {
    /// What one leaf stores for a run of rows.
    struct LeafLevels {
        var definition: [UInt8]
        var repetition: [UInt8]
        /// The present values (definition level at the maximum), without a validity mask.
        var values: Column
    }

    /// Entries of the node being visited: `slot` indexes the node's column, or is -1 when
    /// the entry already ended above this node.
    private struct Entries {
        var slot: [Int32] = []
        var definition: [UInt8] = []
        var repetition: [UInt8] = []

        mutating func reserve(_ n: Int) {
            slot.reserveCapacity(n)
            definition.reserveCapacity(n)
            repetition.reserveCapacity(n)
        }

        mutating func append(_ s: Int32, _ d: UInt8, _ r: UInt8) {
            slot.append(s)
            definition.append(d)
            repetition.append(r)
        }
    }

    /// The levels and values of every leaf of `field` (in ``NestedLeaf/leaves(of:)`` order)
    /// for `rows` of `column`.
    static func shred(_ column: Column, field: Field, rows: Range<Int>) throws -> [LeafLevels] {
        var entries = Entries()
        entries.reserve(rows.count)
        for row in rows { entries.append(Int32(row), 0, 0) }
        var out: [LeafLevels] = []
        try walk(column, field.type, nullable: field.nullable, entries, repetitionDepth: 0, name: field.name, into: &out)
        return out
    }

    private static func walk(
        _ column: Column, _ type: ColumnType, nullable: Bool, _ incoming: Entries, repetitionDepth: Int,
        name: String, into out: inout [LeafLevels]
    ) throws {
        var entries = incoming
        if nullable {
            let validity = column.validity
            for i in entries.slot.indices where entries.slot[i] >= 0 {
                if let validity, !validity[Int(entries.slot[i])] {
                    entries.slot[i] = -1
                } else {
                    entries.definition[i] += 1
                }
            }
        }
        switch (type, column.values) {
        case (.structure(let fields), .structure(_, let children)) where fields.count == children.count:
            for (child, f) in zip(children, fields) {
                try walk(child, f.type, nullable: f.nullable, entries, repetitionDepth: repetitionDepth, name: name + "." + f.name, into: &out)
            }
        case (.list(let element), .list(let offsets, let child)):
            let inner = try expand(entries, offsets: offsets, repetitionDepth: repetitionDepth, name: name)
            try walk(child, element.type, nullable: element.nullable, inner, repetitionDepth: repetitionDepth + 1, name: name + ".element", into: &out)
        case (.map(let key, let value), .list(let offsets, let child)):
            let inner = try expand(entries, offsets: offsets, repetitionDepth: repetitionDepth, name: name)
            let pair = ColumnType.structure([Field(name: "key", type: key, nullable: false), value])
            try walk(child, pair, nullable: false, inner, repetitionDepth: repetitionDepth + 1, name: name, into: &out)
        case (.list, _), (.map, _), (.structure, _), (_, .list), (_, .structure):
            throw FormatError(
                .schemaMismatch, "column storage does not match type \(type)", context: FormatError.Context(column: name))
        default:
            var present: [Int] = []
            present.reserveCapacity(entries.slot.count)
            for s in entries.slot where s >= 0 { present.append(Int(s)) }
            var values = column.gather(present)
            values.validity = nil
            out.append(LeafLevels(definition: entries.definition, repetition: entries.repetition, values: values))
        }
    }

    /// The entries of a list's elements: an empty list ends its entry; a list of n elements
    /// becomes n entries, the first keeping the entry's repetition level and the others
    /// repeating at this list's depth.
    private static func expand(_ entries: Entries, offsets: [Int32], repetitionDepth: Int, name: String) throws -> Entries {
        var out = Entries()
        out.reserve(entries.slot.count)
        guard repetitionDepth < NestedLeaf.maxDepth else {
            throw FormatError.invalidArgument("nesting deeper than \(NestedLeaf.maxDepth) levels", context: FormatError.Context(column: name))
        }
        let repeated = UInt8(repetitionDepth + 1)
        for i in entries.slot.indices {
            let s = Int(entries.slot[i])
            let d = entries.definition[i]
            let r = entries.repetition[i]
            guard s >= 0 else {
                out.append(-1, d, r)
                continue
            }
            guard s + 1 < offsets.count, offsets[s] <= offsets[s + 1], offsets[s] >= 0 else {
                throw FormatError.invalidArgument("list offsets are invalid at position \(s)", context: FormatError.Context(column: name))
            }
            let start = offsets[s]
            let end = offsets[s + 1]
            if start == end {
                out.append(-1, d, r)
                continue
            }
            for k in start..<end { out.append(k, d + 1, k == start ? r : repeated) }
        }
        return out
    }
}
