/// Rebuilds a nested column from its leaves' definition and repetition levels (the inverse of
/// ``LevelShredder``). Every node reads its slots from the levels of the first leaf under it:
/// an entry is one of the node's slots when its repetition level is at most the node's
/// repeated-ancestor count and its definition level reaches the node's innermost repeated
/// ancestor; the slot holds a value when its definition level reaches the node's own.
/// Leaves that disagree on the shape (a corrupt file) are reported, never read out of bounds.
struct LevelAssembler {
    /// What one leaf column decoded to.
    struct LeafData {
        var values: ValueBuffer
        /// One definition and one repetition level per entry; empty when the maximum is 0.
        var definition: [UInt8]
        var repetition: [UInt8]
        var count: Int
        var mapping: ParquetTypeMapping

        func definition(_ i: Int) -> Int { definition.isEmpty ? 0 : Int(definition[i]) }
        func repetition(_ i: Int) -> Int { repetition.isEmpty ? 0 : Int(repetition[i]) }
    }

    let leaves: [Int: LeafData]

    /// The column of `node`, which must have `rows` slots (the row group's rows at the top).
    func column(_ node: AssemblyNode, rows: Int) throws -> Column {
        let column = try build(node)
        guard column.count == rows else {
            throw FormatError.corrupt("nested column \(node.field.name) assembles to \(column.count) rows, the row group has \(rows)")
        }
        return column
    }

    private func leaf(_ index: Int) throws -> LeafData {
        guard let data = leaves[index] else { throw FormatError.corrupt("a nested column's leaf was not read") }
        return data
    }

    private func isSlot(_ node: AssemblyNode, _ data: LeafData, _ i: Int) -> Bool {
        data.repetition(i) <= node.slotRepetition && data.definition(i) >= node.slotDefinition
    }

    private func build(_ node: AssemblyNode) throws -> Column {
        let data = try leaf(node.firstLeaf)
        switch node.kind {
        case .leaf:
            var validity: [Bool] = []
            validity.reserveCapacity(data.count)
            for i in 0..<data.count where isSlot(node, data, i) {
                validity.append(data.definition(i) >= node.presentDefinition)
            }
            let mask = validity.contains(false) ? validity : nil
            return try data.values.column(rows: validity.count, validity: mask, mapping: data.mapping)
        case .structure(let children):
            var validity: [Bool] = []
            for i in 0..<data.count where isSlot(node, data, i) {
                validity.append(data.definition(i) >= node.presentDefinition)
            }
            var columns: [Column] = []
            for child in children {
                let column = try build(child)
                guard column.count == validity.count else {
                    throw FormatError.corrupt(
                        "field \(child.field.name) of struct \(node.field.name) has \(column.count) values for \(validity.count) slots")
                }
                columns.append(column)
            }
            return Column(
                values: .structure(count: validity.count, fields: columns), validity: validity.contains(false) ? validity : nil)
        case .list(let element):
            var validity: [Bool] = []
            var offsets: [Int32] = [0]
            var elements = 0
            var started = false
            for i in 0..<data.count {
                if isSlot(node, data, i) {
                    if started { offsets.append(Int32(elements)) }
                    started = true
                    validity.append(data.definition(i) >= node.presentDefinition)
                }
                if isSlot(element, data, i) {
                    guard started else { throw FormatError.corrupt("a list element comes before its list in \(node.field.name)") }
                    elements += 1
                    guard elements < Int(Int32.max) else { throw FormatError.unsupported("a list column holds more than 2^31 elements") }
                }
            }
            if started { offsets.append(Int32(elements)) }
            let child = try build(element)
            guard child.count == elements else {
                throw FormatError.corrupt("list \(node.field.name) has \(elements) elements but its values hold \(child.count)")
            }
            return Column(values: .list(offsets: offsets, values: child), validity: validity.contains(false) ? validity : nil)
        }
    }
}
