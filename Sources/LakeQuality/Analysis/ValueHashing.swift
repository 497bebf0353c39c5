import LakeFormats

/// 64-bit hashes of a column's present values, equal for equal values in every process (so
/// distinct counts and sketches can be merged and compared), via ``StableHash``.
enum ValueHashing {
    @inline(__always)
    static func forEachHash(_ column: Column, _ body: (Int, UInt64) -> Void) {
        let validity = column.validity
        @inline(__always) func present(_ i: Int) -> Bool { validity.map { $0[i] } ?? true }
        switch column.values {
        case .bool(let v):
            for i in v.indices where present(i) { body(i, StableHash.hash(Int64(v[i] ? 1 : 0))) }
        case .int32(let v):
            for i in v.indices where present(i) { body(i, StableHash.hash(Int64(v[i]))) }
        case .int64(let v):
            for i in v.indices where present(i) { body(i, StableHash.hash(v[i])) }
        case .float(let v):
            for i in v.indices where present(i) { body(i, StableHash.hash(Double(v[i]))) }
        case .double(let v):
            for i in v.indices where present(i) { body(i, StableHash.hash(v[i])) }
        case .bytes(let v):
            v.bytes.withUnsafeBytes { raw in
                for i in 0..<v.count where present(i) {
                    let start = Int(v.offsets[i])
                    let end = Int(v.offsets[i + 1])
                    body(i, StableHash.hash(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
                }
            }
        case .list(let offsets, let child):
            // A list hashes its length and its elements' hashes in order (a null element too).
            let elements = hashes(child)
            for i in 0..<column.count where present(i) {
                var h = StableHash.hash(Int64(offsets[i + 1] - offsets[i]))
                for j in Int(offsets[i])..<Int(offsets[i + 1]) { h = combine(h, elements[j]) }
                body(i, h)
            }
        case .structure(let count, let fields):
            var rows = [UInt64](repeating: 0x51ED_2701_F3A9_4E5B, count: count)
            for f in fields {
                let fieldHashes = hashes(f)
                for i in 0..<count { rows[i] = combine(rows[i], fieldHashes[i]) }
            }
            for i in 0..<count where present(i) { body(i, rows[i]) }
        }
    }

    /// Every row's hash, nulls marked by one fixed value (for hashing nested values).
    static func hashes(_ column: Column) -> [UInt64] {
        var out = [UInt64](repeating: 0x6A09_E667_F3BC_C908, count: column.count)
        forEachHash(column) { i, h in out[i] = h }
        return out
    }

    /// One hash for several values of a row (a composite key), order-sensitive.
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        StableHash.hash(Int64(bitPattern: a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)))
    }
}
