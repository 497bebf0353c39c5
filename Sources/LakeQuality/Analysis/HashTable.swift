/// A small open-addressing table keyed by 64-bit value hashes (already well mixed, so no
/// second hashing as Swift's `Dictionary` would do): counts of few distinct values, and the
/// cached answers of row-level checks. Holds at most `limit` keys; `insert` reports when full.
struct HashTable<Value> {
    private var keys: [UInt64]
    private var values: [Value]
    private var used: [Bool]
    private let mask: Int
    let limit: Int
    private(set) var count = 0

    init(limit: Int, filler: Value) {
        var capacity = 16
        while capacity < limit * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value](repeating: filler, count: capacity)
        used = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        self.limit = limit
    }

    /// The slot of `key`, and whether it holds it (else it is the free slot to fill).
    @inline(__always)
    private func slot(_ key: UInt64) -> (Int, Bool) {
        var i = Int(truncatingIfNeeded: key) & mask
        while used[i] {
            if keys[i] == key { return (i, true) }
            i = (i + 1) & mask
        }
        return (i, false)
    }

    @inline(__always)
    func value(_ key: UInt64) -> Value? {
        let (i, found) = slot(key)
        return found ? values[i] : nil
    }

    /// Sets `key`'s value to `update(old)` (`initial` when new); false when the table is full
    /// and `key` is new (nothing changed).
    @inline(__always)
    mutating func update(_ key: UInt64, initial: Value, _ update: (Value) -> Value) -> Bool {
        let (i, found) = slot(key)
        if found {
            values[i] = update(values[i])
            return true
        }
        guard count < limit else { return false }
        used[i] = true
        keys[i] = key
        values[i] = update(initial)
        count += 1
        return true
    }

    /// Every key with its value.
    var entries: [(key: UInt64, value: Value)] {
        used.indices.compactMap { used[$0] ? (keys[$0], values[$0]) : nil }
    }
}
extension HashTable: Sendable where Value: Sendable {}
