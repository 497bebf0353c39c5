/// Checks that a nested column's buffers agree with each other and with its type before any
/// of it is encoded: child lengths, list offsets and validity masks. The level shredder
/// relies on it, so a malformed batch is refused instead of read out of bounds.
enum NestedColumnCheck {
    /// Throws a `schemaMismatch` or `invalidArgument` error naming the path that is wrong.
    static func check(_ column: Column, _ type: ColumnType, path: String) throws {
        let context = FormatError.Context(column: path)
        if let validity = column.validity, validity.count != column.count {
            throw FormatError(.schemaMismatch, "validity mask has \(validity.count) entries for \(column.count) values", context: context)
        }
        switch (type, column.values) {
        case (.structure(let fields), .structure(let count, let children)):
            guard fields.count == children.count else {
                throw FormatError(.schemaMismatch, "struct has \(children.count) child columns for \(fields.count) fields", context: context)
            }
            for (f, child) in zip(fields, children) {
                guard child.count == count else {
                    throw FormatError(.schemaMismatch, "struct field \(f.name) has \(child.count) values for \(count) rows", context: context)
                }
                if !f.nullable, let childValidity = child.validity,
                    let row = childValidity.indices.first(where: { !childValidity[$0] && !column.isNull($0) })
                {
                    throw FormatError(
                        .schemaMismatch, "non-nullable field \(f.name) is null in a present struct",
                        context: context.merged(with: FormatError.Context(record: Int64(row))))
                }
                try check(child, f.type, path: path + "." + f.name)
            }
        case (.list(let element), .list(let offsets, let child)):
            try checkOffsets(offsets, childCount: child.count, context: context)
            try check(child, element.type, path: path + ".element")
        case (.map(let key, let value), .list(let offsets, let child)):
            try checkOffsets(offsets, childCount: child.count, context: context)
            guard case .structure(_, let pair) = child.values, pair.count == 2 else {
                throw FormatError(.schemaMismatch, "map entries are not key-value structs", context: context)
            }
            if pair[0].validity?.contains(false) == true {
                throw FormatError(.schemaMismatch, "a map key is null; map keys must be present", context: context)
            }
            try check(child, .structure([Field(name: "key", type: key, nullable: false), value]), path: path)
        case (.list, _), (.map, _), (.structure, _), (_, .list), (_, .structure):
            throw FormatError(.schemaMismatch, "column storage does not match type \(type)", context: context)
        default:
            guard ParquetWriter.storageMatches(column.values, type) else {
                throw FormatError(.schemaMismatch, "column storage does not match type \(type)", context: context)
            }
            if case .bytes(let b) = column.values { try ParquetWriter.checkOffsets(b, context: context) }
        }
    }

    private static func checkOffsets(_ offsets: [Int32], childCount: Int, context: FormatError.Context) throws {
        guard let first = offsets.first, first >= 0, let last = offsets.last, Int(last) <= childCount else {
            throw FormatError.invalidArgument("list offsets do not fit the \(childCount) elements", context: context)
        }
        var previous = first
        for o in offsets {
            guard o >= previous else { throw FormatError.invalidArgument("list offsets decrease", context: context) }
            previous = o
        }
    }
}
