/// One leaf column of a (possibly nested) field as Parquet stores it: its path from the
/// root, its primitive type and the definition and repetition levels its values carry.
///
/// A flat field is a leaf of itself (path `[name]`, max definition 1 when nullable, 0 when
/// not, max repetition 0). A nested field has one leaf per primitive under it, in schema
/// order; lists and maps add the repeated groups pyarrow writes (`list`, `key_value`).
struct NestedLeaf: Equatable {
    /// Names from the top-level field down to the leaf, as `pathInSchema` stores them.
    var path: [String]
    /// The leaf's value type (never nested) and whether its own level is optional.
    var field: Field
    /// The definition level of a present value.
    var maxDefinition: Int
    /// The repetition level of the innermost repeated group above the leaf.
    var maxRepetition: Int

    /// Deepest nesting SwiftLake writes or reads: levels are stored in bytes, and a hostile
    /// schema must not recurse without bound.
    static let maxDepth = 64

    /// The leaves of `field` in schema order.
    static func leaves(of field: Field) -> [NestedLeaf] {
        var out: [NestedLeaf] = []
        collect(field, path: [], definition: 0, repetition: 0, into: &out)
        return out
    }

    private static func collect(_ field: Field, path: [String], definition: Int, repetition: Int, into out: inout [NestedLeaf]) {
        let path = path + [field.name]
        let def = definition + (field.nullable ? 1 : 0)
        switch field.type {
        case .structure(let children):
            for child in children { collect(child, path: path, definition: def, repetition: repetition, into: &out) }
        case .list(let element):
            collect(element, path: path + ["list"], definition: def + 1, repetition: repetition + 1, into: &out)
        case .map(let key, let value):
            let kv = path + ["key_value"]
            collect(Field(name: "key", type: key, nullable: false), path: kv, definition: def + 1, repetition: repetition + 1, into: &out)
            collect(value, path: kv, definition: def + 1, repetition: repetition + 1, into: &out)
        default:
            out.append(NestedLeaf(path: path, field: field, maxDefinition: def, maxRepetition: repetition))
        }
    }

    /// How deep `type` nests (0 for a primitive).
    static func depth(of type: ColumnType) -> Int {
        switch type {
        case .structure(let fields): return 1 + (fields.map { depth(of: $0.type) }.max() ?? 0)
        case .list(let element): return 2 + depth(of: element.type)
        case .map(let key, let value): return 2 + max(depth(of: key), depth(of: value.type))
        default: return 0
        }
    }
}
