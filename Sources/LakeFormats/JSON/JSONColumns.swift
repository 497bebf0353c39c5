#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The columns a JSON input has shown so far, in order of first appearance, with a lookup from
/// a key path's bytes to its column. Records of one file usually list keys in the same order,
/// so the column of the n-th key of the previous record is tried first (no hashing).
/// The empty key `""` gets the column name `_empty` (`_empty_2`, ... when that name is taken).
final class JSONColumns {
    @exclusivity(unchecked) private(set) var names: [String] = []
    private var index: [[UInt8]: Int] = [:]
    @exclusivity(unchecked) private var recent: [(key: ShortKey, column: Int)] = []
    private var taken: Set<String> = []
    /// Per column, the last row of the current batch that set it (set once per cell by the
    /// reading thread, so without the runtime exclusivity check).
    @exclusivity(unchecked) var marks: [Int] = []

    /// The column for `key`, the `ordinal`-th key path of the record; registers new columns.
    /// `readable`: bytes that may be read from the key's start (at least its count).
    @inline(__always)
    func column(for key: UnsafeBufferPointer<UInt8>, readable: Int? = nil, ordinal: Int) -> Int {
        if ordinal < recent.count, recent[ordinal].key.count == key.count {
            let known = recent[ordinal].key
            if let p = key.baseAddress {
                if known.matches(p, readable: readable ?? key.count) { return recent[ordinal].column }
            } else if known.count == 0 {
                return recent[ordinal].column
            }
        }
        let bytes = Array(key)
        let column: Int
        if let c = index[bytes] {
            column = c
        } else {
            column = names.count
            names.append(uniqueName(String(decoding: bytes, as: UTF8.self)))
            taken.insert(names[column])
            index[bytes] = column
            marks.append(-1)
        }
        if ordinal < recent.count {
            recent[ordinal] = (ShortKey(bytes), column)
        } else if ordinal == recent.count {
            recent.append((ShortKey(bytes), column))
        }
        return column
    }

    /// The name a new column gets: its key path, except that the empty key becomes `_empty`
    /// (a Parquet column needs a name), and a name an earlier renamed column took gets `_2`,
    /// `_3`, ... so names stay unique.
    private func uniqueName(_ key: String) -> String {
        let base = key.isEmpty ? "_empty" : key
        guard taken.contains(base) else { return base }
        var k = 2
        while taken.contains("\(base)_\(k)") { k += 1 }
        return "\(base)_\(k)"
    }

    /// An independent copy (for a second thread reading the same input).
    func copy() -> JSONColumns {
        let c = JSONColumns()
        c.names = names
        c.index = index
        c.recent = recent
        c.taken = taken
        c.marks = marks
        return c
    }

    /// Forgets which rows set which columns (at the start of a batch).
    func resetMarks() {
        for i in marks.indices { marks[i] = -1 }
    }
}
