/// UTF-8 checks for the string leaves of nested columns, as the decoder makes them for
/// top-level strings: the nested builders copy a JSON string's bytes as they stand, so text
/// that is not valid UTF-8 would reach a Parquet STRING column that readers refuse.
///
/// A leaf whose bytes are all ASCII (nearly every leaf) is settled by one pass over them;
/// otherwise its values are checked one by one and, under `.replace`, repaired.
enum NestedTextCheck {
    /// The row of the first value that is not valid UTF-8.
    struct Invalid: Error {
        var row: Int
    }

    /// `column` (of `type`) with its string leaves valid UTF-8: unchanged when they are,
    /// repaired under `.replace`; under `.error`, throws the row of the first invalid value.
    static func checked(_ column: Column, _ type: ColumnType, policy: CSVOptions.InvalidUTF8) throws(Invalid) -> Column {
        switch (type, column.values) {
        case (.string, .bytes(let text)):
            guard let repaired = try checked(text, policy: policy) else { return column }
            return Column(values: .bytes(repaired), validity: column.validity)
        case (.list(let element), .list(let offsets, let child)):
            return try checkedList(column, offsets, child, element.type, policy)
        case (.map(let key, let value), .list(let offsets, let child)):
            let pair = ColumnType.structure([Field(name: "key", type: key, nullable: false), value])
            return try checkedList(column, offsets, child, pair, policy)
        case (.structure(let fields), .structure(let count, let children)) where fields.count == children.count:
            var checkedChildren = children
            for (i, field) in fields.enumerated() where field.type.hasText {
                checkedChildren[i] = try checked(children[i], field.type, policy: policy)
            }
            return Column(values: .structure(count: count, fields: checkedChildren), validity: column.validity)
        default:
            return column
        }
    }

    /// A list's elements checked; an invalid element's row is the list's row holding it.
    private static func checkedList(
        _ column: Column, _ offsets: [Int32], _ child: Column, _ elementType: ColumnType, _ policy: CSVOptions.InvalidUTF8
    ) throws(Invalid) -> Column {
        guard elementType.hasText else { return column }
        let elements: Column
        do {
            elements = try checked(child, elementType, policy: policy)
        } catch {
            // The last row whose elements start at or before the invalid one holds it.
            var row = 0
            var low = 0
            var high = offsets.count - 2
            while low <= high {
                let mid = (low + high) / 2
                if Int(offsets[mid]) <= error.row {
                    row = mid
                    low = mid + 1
                } else {
                    high = mid - 1
                }
            }
            throw Invalid(row: row)
        }
        return Column(values: .list(offsets: offsets, values: elements), validity: column.validity)
    }

    /// nil when every value is valid UTF-8; the repaired values under `.replace`.
    private static func checked(_ text: ByteArrayColumn, policy: CSVOptions.InvalidUTF8) throws(Invalid) -> ByteArrayColumn? {
        guard let bad = UTF8Validation.firstInvalidValue(text) else { return nil }
        guard policy == .replace else { throw Invalid(row: bad) }
        var repaired = ByteArrayColumn()
        repaired.reserveCapacity(values: text.count, bytes: text.bytes.count)
        text.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            for i in 0..<text.count {
                let start = Int(text.offsets[i])
                UTF8Validation.appendRepairing(base + start, Int(text.offsets[i + 1]) - start, to: &repaired.bytes)
                repaired.offsets.append(Int32(truncatingIfNeeded: repaired.bytes.count))
            }
        }
        return repaired
    }
}

extension ColumnType {
    /// Whether the type is text or holds text at some depth.
    var hasText: Bool {
        switch self {
        case .string: return true
        case .list(let element): return element.type.hasText
        case .map(let key, let value): return key.hasText || value.type.hasText
        case .structure(let fields): return fields.contains { $0.type.hasText }
        default: return false
        }
    }
}
