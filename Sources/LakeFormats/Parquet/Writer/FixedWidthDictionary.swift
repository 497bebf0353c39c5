/// Dictionary of distinct fixed-width values (by bit pattern, so -0.0 and 0.0 stay distinct).
/// Open addressing, no per-value allocation; a struct for the same reason as
/// ``ByteArrayDictionary``.
struct FixedWidthDictionary {
    /// Bytes per value in the dictionary page: 4 or 8.
    let width: Int
    private(set) var keys: [UInt64] = []
    /// Open-addressing table; each slot holds the key next to its index, so a lookup touches
    /// one cache line (index -1 marks an empty slot).
    private var slots: [Slot] = [Slot](repeating: Slot(), count: 1024)
    private var mask = 1023
    private var shift: UInt64 = 54

    init(width: Int) { self.width = width }

    var count: Int { keys.count }
    var byteSize: Int { keys.count * width }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        if slots.count > 1 << 16 {
            slots = [Slot](repeating: Slot(), count: 1024)
            shift = 54
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot()) }
        }
        mask = slots.count - 1
    }

    /// The dictionary page body: every key as a 4- or 8-byte little-endian value.
    func plainBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(byteSize)
        for key in keys {
            if width == 4 {
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: key).littleEndian) { out.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: key.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Appends the index of each valid row's value to `indices`, adding new values.
    mutating func encode<T: PlainFixedWidth>(
        _ base: UnsafePointer<T>, rows: Range<Int>, valid: UnsafeBufferPointer<Bool>?, into indices: inout [UInt32]
    ) {
        for row in rows where valid?[row] ?? true {
            indices.append(index(of: base[row].dictionaryKey))
        }
    }

    @inline(__always) mutating func index(of key: UInt64) -> UInt32 {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let s = slots[slot]
            if s.index < 0 { break }
            if s.key == key { return UInt32(s.index) }
            slot = (slot + 1) & mask
        }
        let e = keys.count
        keys.append(key)
        slots[slot] = Slot(key: key, index: Int32(e))
        // Filled up to three quarters: a table half as large stays in the core's cache (10,000
        // doubles: 256 KB instead of 512 KB), and the extra probes mostly share a cache line.
        if (e + 1) * 4 > slots.count * 3 { rehash() }
        return UInt32(e)
    }

    private mutating func rehash() {
        let size = slots.count * 2
        var fresh = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        shift -= 1
        for (e, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while fresh[slot].index >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = Slot(key: key, index: Int32(e))
        }
        slots = fresh
    }

    struct Slot {
        var key: UInt64 = 0
        var index: Int32 = -1
    }
}
