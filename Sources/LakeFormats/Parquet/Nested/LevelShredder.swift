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
        /// The present values (definition level at the maximum) are rows `rows` of `values`,
        /// whose validity mask is dropped.
        var values: Column
        var rows: Range<Int>
    }

    /// Entries of the node being visited: `slot` indexes the node's column, or is -1 when
    /// the entry already ended above this node.
    private struct Entries {
        var slot: [Int32] = []
        var definition: [UInt8] = []
        var repetition: [UInt8] = []

        /// One more definition level for the present entries of a nullable node; entries whose
        /// value is null (`validity` false) end there. Through buffers: element by element, the
        /// arrays' uniqueness checks were most of the shredding time.
        mutating func define(validity: [Bool]?) {
            definition.withUnsafeMutableBufferPointer { def in
                slot.withUnsafeMutableBufferPointer { slot in
                    guard let validity else {
                        for i in 0..<slot.count where slot[i] >= 0 { def[i] &+= 1 }
                        return
                    }
                    validity.withUnsafeBufferPointer { valid in
                        for i in 0..<slot.count where slot[i] >= 0 {
                            if valid[Int(slot[i])] { def[i] &+= 1 } else { slot[i] = -1 }
                        }
                    }
                }
            }
        }
    }

    /// The levels and values of every leaf of `field` (in ``NestedLeaf/leaves(of:)`` order)
    /// for `rows` of `column`.
    static func shred(_ column: Column, field: Field, rows: Range<Int>) throws -> [LeafLevels] {
        var entries = Entries()
        entries.slot = rows.map { Int32(truncatingIfNeeded: $0) }
        entries.definition = [UInt8](repeating: 0, count: rows.count)
        entries.repetition = [UInt8](repeating: 0, count: rows.count)
        var out: [LeafLevels] = []
        try walk(column, field.type, nullable: field.nullable, entries, repetitionDepth: 0, name: field.name, into: &out)
        return out
    }

    private static func walk(
        _ column: Column, _ type: ColumnType, nullable: Bool, _ incoming: Entries, repetitionDepth: Int,
        name: String, into out: inout [LeafLevels]
    ) throws {
        var entries = incoming
        if nullable { entries.define(validity: column.validity) }
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
            var values = column
            values.validity = nil
            let rows: Range<Int>
            if let run = presentRun(entries.slot) {
                // Usually the present values are one run of the column: taken where they are.
                rows = run
            } else {
                let present = [Int](unsafeUninitializedCapacity: entries.slot.count) { buffer, count in
                    count = 0
                    for s in entries.slot where s >= 0 {
                        buffer[count] = Int(s)
                        count += 1
                    }
                }
                values = values.gather(present)
                rows = 0..<present.count
            }
            out.append(LeafLevels(definition: entries.definition, repetition: entries.repetition, values: values, rows: rows))
        }
    }

    /// The slots of the present entries when they are consecutive (`k, k+1, ...`; empty when
    /// none is present), else nil.
    private static func presentRun(_ slots: [Int32]) -> Range<Int>? {
        slots.withUnsafeBufferPointer { slots in
            var i = 0
            while i < slots.count, slots[i] < 0 { i += 1 }
            guard i < slots.count else { return 0..<0 }
            let first = slots[i]
            // Without branches per slot: absent slots (-1, often every other one) were
            // mispredicted.
            var next = first
            var gaps: Int32 = 0
            while i < slots.count {
                let s = slots[i]
                let present = ~(s >> 31)  // all ones when s >= 0, else 0
                gaps |= present & (s ^ next)
                next &+= present & 1
                i += 1
            }
            return gaps == 0 ? Int(first)..<Int(next) : nil
        }
    }

    /// The entries of a list's elements: an empty list ends its entry; a list of n elements
    /// becomes n entries, the first keeping the entry's repetition level and the others
    /// repeating at this list's depth.
    private static func expand(_ entries: Entries, offsets: [Int32], repetitionDepth: Int, name: String) throws -> Entries {
        guard repetitionDepth < NestedLeaf.maxDepth else {
            throw FormatError.invalidArgument("nesting deeper than \(NestedLeaf.maxDepth) levels", context: FormatError.Context(column: name))
        }
        let repeated = UInt8(repetitionDepth + 1)
        return try offsets.withUnsafeBufferPointer { offsets throws -> Entries in
            // First the checks and the size, then the entries written in place.
            var total = 0
            for s in entries.slot {
                guard s >= 0 else {
                    total += 1
                    continue
                }
                let i = Int(s)
                guard i + 1 < offsets.count, offsets[i] <= offsets[i + 1], offsets[i] >= 0 else {
                    throw FormatError.invalidArgument("list offsets are invalid at position \(s)", context: FormatError.Context(column: name))
                }
                total += max(1, Int(offsets[i + 1] - offsets[i]))
            }
            var out = Entries()
            var written = 0
            out.slot = [Int32](unsafeUninitializedCapacity: total) { slot, slotCount in
                out.definition = [UInt8](unsafeUninitializedCapacity: total) { def, defCount in
                    out.repetition = [UInt8](unsafeUninitializedCapacity: total) { rep, repCount in
                        for i in 0..<entries.slot.count {
                            let s = Int(entries.slot[i])
                            let d = entries.definition[i]
                            let r = entries.repetition[i]
                            let start = s >= 0 ? offsets[s] : 0
                            let end = s >= 0 ? offsets[s + 1] : 0
                            if start == end {
                                // Null or empty: the entry ends here.
                                slot[written] = -1
                                def[written] = d
                                rep[written] = r
                                written += 1
                                continue
                            }
                            for k in start..<end {
                                slot[written] = k
                                def[written] = d + 1
                                rep[written] = k == start ? r : repeated
                                written += 1
                            }
                        }
                        repCount = written
                    }
                    defCount = written
                }
                slotCount = written
            }
            return out
        }
    }
}
