/// The reader's view of a file's schema: the flattened `SchemaElement`s rebuilt into a tree,
/// then turned into SwiftLake fields and an ``AssemblyNode`` per nested field, following the
/// Parquet spec's LIST and MAP rules and their backward-compatibility forms:
///
/// - 3-level lists (`<list> (LIST) { repeated group list { <element> } }`, any names);
/// - 2-level lists: the repeated child is itself the element when it is a primitive, a group
///   of several fields, or a one-field group named `array` or `<list>_tuple`;
/// - an unannotated `repeated` field: a list of required elements;
/// - MAP and the legacy MAP_KEY_VALUE: `repeated group key_value { key; value }`.
///
/// Element, key and value names are normalised to `element`, `key` and `value`.
struct ParquetSchemaTree {
    /// One leaf column, in file order.
    struct Leaf {
        var element: ParquetThrift.SchemaElement
        var mapping: ParquetTypeMapping
        /// Dotted path from the top-level field, e.g. `orders.list.element.sku`.
        var path: String
        var maxDefinition: Int
        var maxRepetition: Int
    }

    /// How a top-level field is read.
    enum FieldPlan {
        /// A flat column: one leaf, no levels beyond null/present.
        case flat(leaf: Int)
        /// A nested column rebuilt from its leaves' levels.
        case nested(AssemblyNode)
    }

    var leaves: [Leaf] = []
    var fields: [Field] = []
    var plans: [FieldPlan] = []

    /// A schema element with its children.
    private struct Node {
        var element: ParquetThrift.SchemaElement
        var children: [Node]
        var isGroup: Bool { element.type == nil || element.numChildren != nil && element.numChildren != 0 }
    }

    /// Builds the tree and maps every field. Throws `corrupt` for a malformed layout and
    /// `unsupported`, naming the column, for a form SwiftLake does not read.
    init(_ elements: [ParquetThrift.SchemaElement]) throws {
        guard let root = elements.first else { throw FormatError.corrupt("the schema is empty") }
        var position = 1
        let count = Int(root.numChildren ?? 0)
        guard count >= 0, count <= elements.count - 1 else {
            throw FormatError.corrupt("the schema root declares \(count) children but the schema has \(elements.count - 1) elements")
        }
        var top: [Node] = []
        for _ in 0..<count { top.append(try Self.parse(elements, &position, depth: 1)) }
        guard position == elements.count else {
            throw FormatError.corrupt("the schema has \(elements.count - position) elements outside the root's children")
        }
        for node in top {
            let rep = node.element.repetition
            if !node.isGroup, rep != ParquetThrift.Repetition.repeated.rawValue {
                let mapping = try ParquetTypeMapping(element: node.element, column: node.element.name)
                plans.append(.flat(leaf: leaves.count))
                fields.append(Field(name: node.element.name, type: mapping.type, nullable: rep != ParquetThrift.Repetition.required.rawValue))
                leaves.append(Leaf(
                    element: node.element, mapping: mapping, path: node.element.name,
                    maxDefinition: rep == ParquetThrift.Repetition.required.rawValue ? 0 : 1, maxRepetition: 0))
            } else {
                let plan = try convert(node, path: [], definition: 0, slotDefinition: 0, slotRepetition: 0)
                plans.append(.nested(plan))
                fields.append(plan.field)
            }
        }
    }

    private static func parse(_ elements: [ParquetThrift.SchemaElement], _ position: inout Int, depth: Int) throws -> Node {
        guard position < elements.count else { throw FormatError.corrupt("the schema ends inside a group") }
        guard depth <= NestedLeaf.maxDepth else {
            throw FormatError.unsupported("the schema nests deeper than \(NestedLeaf.maxDepth) levels")
        }
        let element = elements[position]
        position += 1
        let count = Int(element.numChildren ?? 0)
        guard count >= 0, count <= elements.count - position else {
            throw FormatError.corrupt("group \(element.name) declares \(count) children, more than the schema has left")
        }
        if element.type == nil && count == 0 {
            throw FormatError.unsupported(
                "column \(element.name) is an empty group, which SwiftLake cannot represent",
                context: FormatError.Context(column: element.name))
        }
        var children: [Node] = []
        for _ in 0..<count { children.append(try parse(elements, &position, depth: depth + 1)) }
        return Node(element: element, children: children)
    }

    private static func isRepeated(_ e: ParquetThrift.SchemaElement) -> Bool {
        e.repetition == ParquetThrift.Repetition.repeated.rawValue
    }

    private static func isOptional(_ e: ParquetThrift.SchemaElement) -> Bool {
        e.repetition == ParquetThrift.Repetition.optional.rawValue
    }

    /// Maps `node` (whose parent is present at `definition`) to a field and its assembly.
    /// `slotDefinition` / `slotRepetition` locate the node's slots: the levels of its innermost
    /// repeated ancestor (0 without one).
    private mutating func convert(
        _ node: Node, path: [String], definition: Int, slotDefinition: Int, slotRepetition: Int,
        name: String? = nil, asRequired: Bool = false
    ) throws -> AssemblyNode {
        let e = node.element
        let fieldName = name ?? e.name
        let path = path + [e.name]
        let column = path.joined(separator: ".")
        if Self.isRepeated(e) && !asRequired {
            // An unannotated repeated field: a list of required elements, the field itself
            // being the repeated level.
            let inner = definition + 1
            let element = try convert(
                node, path: Array(path.dropLast()), definition: inner, slotDefinition: inner, slotRepetition: slotRepetition + 1,
                name: "element", asRequired: true)
            return AssemblyNode(
                field: Field(name: fieldName, type: .list(Field(name: "element", type: element.field.type, nullable: false)), nullable: false),
                presentDefinition: definition, slotDefinition: slotDefinition, slotRepetition: slotRepetition,
                firstLeaf: element.firstLeaf, kind: .list(element))
        }
        let optional = !asRequired && Self.isOptional(e)
        let present = definition + (optional ? 1 : 0)
        guard node.isGroup else {
            let mapping = try ParquetTypeMapping(element: e, column: column)
            let leaf = leaves.count
            leaves.append(Leaf(element: e, mapping: mapping, path: column, maxDefinition: present, maxRepetition: slotRepetition))
            return AssemblyNode(
                field: Field(name: fieldName, type: mapping.type, nullable: optional), presentDefinition: present,
                slotDefinition: slotDefinition, slotRepetition: slotRepetition, firstLeaf: leaf, kind: .leaf(leaf))
        }
        let converted = e.convertedType.flatMap(ParquetThrift.ConvertedType.init(rawValue:))
        let isList = e.logicalType == .list || converted == .list
        let isMap = e.logicalType == .map || converted == .map || converted == .mapKeyValue
        if isList || isMap, node.children.count == 1, Self.isRepeated(node.children[0].element) {
            let repeated = node.children[0]
            let inner = present + 1
            let innerRep = slotRepetition + 1
            if isMap, repeated.isGroup, (1...2).contains(repeated.children.count) {
                guard repeated.children.count == 2 else {
                    throw FormatError.unsupported(
                        "map column \(column) has keys but no values, which SwiftLake cannot represent",
                        context: FormatError.Context(column: column))
                }
                let kvPath = path + [repeated.element.name]
                let key = try convert(
                    repeated.children[0], path: kvPath, definition: inner, slotDefinition: inner, slotRepetition: innerRep, name: "key")
                let value = try convert(
                    repeated.children[1], path: kvPath, definition: inner, slotDefinition: inner, slotRepetition: innerRep, name: "value")
                guard !key.field.type.isNested else {
                    throw FormatError.unsupported(
                        "map column \(column) has nested keys, which SwiftLake cannot represent", context: FormatError.Context(column: column))
                }
                let entries = AssemblyNode(
                    field: Field(name: "entries", type: .structure([key.field, value.field]), nullable: false),
                    presentDefinition: inner, slotDefinition: inner, slotRepetition: innerRep, firstLeaf: key.firstLeaf,
                    kind: .structure([key, value]))
                let type = ColumnType.map(key: key.field.type, value: Field(name: "value", type: value.field.type, nullable: value.field.nullable))
                return AssemblyNode(
                    field: Field(name: fieldName, type: type, nullable: optional), presentDefinition: present,
                    slotDefinition: slotDefinition, slotRepetition: slotRepetition, firstLeaf: key.firstLeaf, kind: .list(entries))
            }
            let element: AssemblyNode
            let legacyElement = !repeated.isGroup || repeated.children.count > 1
                || repeated.element.name == "array" || repeated.element.name == e.name + "_tuple"
            if legacyElement {
                element = try convert(
                    repeated, path: path, definition: inner, slotDefinition: inner, slotRepetition: innerRep,
                    name: "element", asRequired: true)
            } else {
                element = try convert(
                    repeated.children[0], path: path + [repeated.element.name], definition: inner, slotDefinition: inner,
                    slotRepetition: innerRep, name: "element")
            }
            return AssemblyNode(
                field: Field(name: fieldName, type: .list(element.field), nullable: optional), presentDefinition: present,
                slotDefinition: slotDefinition, slotRepetition: slotRepetition, firstLeaf: element.firstLeaf, kind: .list(element))
        }
        var children: [AssemblyNode] = []
        for child in node.children {
            children.append(try convert(
                child, path: path, definition: present, slotDefinition: slotDefinition, slotRepetition: slotRepetition))
        }
        guard let first = children.first else {
            throw FormatError.unsupported("column \(column) is an empty group", context: FormatError.Context(column: column))
        }
        return AssemblyNode(
            field: Field(name: fieldName, type: .structure(children.map(\.field)), nullable: optional), presentDefinition: present,
            slotDefinition: slotDefinition, slotRepetition: slotRepetition, firstLeaf: first.firstLeaf, kind: .structure(children))
    }
}

/// How one nested node is rebuilt from levels: its field, the levels that locate its slots
/// and its presence, and the leaf whose levels it reads them from.
struct AssemblyNode {
    /// What the node reads as.
    var field: Field
    /// A slot holds a value when its definition level is at least this.
    var presentDefinition: Int
    /// A level entry is one of the node's slots when its definition level is at least this...
    var slotDefinition: Int
    /// ...and its repetition level at most this.
    var slotRepetition: Int
    /// The first leaf under the node.
    var firstLeaf: Int
    var kind: Kind

    indirect enum Kind {
        case leaf(Int)
        case structure([AssemblyNode])
        /// A list (or a map, whose element is the key-value struct).
        case list(AssemblyNode)
    }

    /// The leaves under this node.
    var leafIndices: [Int] {
        switch kind {
        case .leaf(let i): return [i]
        case .structure(let children): return children.flatMap(\.leafIndices)
        case .list(let element): return element.leafIndices
        }
    }
}
