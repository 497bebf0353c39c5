import Foundation

/// Dictionary of distinct byte strings for RLE_DICTIONARY encoding: an open-addressing hash
/// table of entry indices over the entries' bytes, which are kept PLAIN-encoded (4-byte length
/// then bytes) so the dictionary page body is ready as is. No per-value allocation: lookups
/// hash and compare the caller's bytes in place.
final class ByteArrayDictionary {
    /// The dictionary page body: each entry as a 4-byte little-endian length and its bytes.
    let plain = OutputBuffer(capacity: 1 << 16)
    /// Offset of each entry's bytes (after the length) in `plain`.
    private(set) var starts: [Int] = []
    private(set) var lengths: [Int32] = []
    private var hashes: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    var count: Int { starts.count }
    /// Bytes the dictionary page body takes.
    var byteSize: Int { plain.count }

    func removeAll() {
        plain.removeAll()
        plain.shrink(to: 1 << 22)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        if slots.count > 1 << 16 {
            slots = [Int32](repeating: -1, count: 1024)
        } else {
            for i in slots.indices { slots[i] = -1 }
        }
        mask = slots.count - 1
    }

    /// The bytes of entry `i`.
    func entry(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: plain.base + starts[i], count: Int(lengths[i]))
    }

    /// Returns the index of `bytes`, adding it when new.
    @inline(__always) func index(of bytes: UnsafeRawPointer, count n: Int) -> UInt32 {
        let h = Self.hash(bytes, n)
        var slot = Int(h) & mask
        while true {
            let e = Int(slots[slot])
            if e < 0 { break }
            if hashes[e] == h && Int(lengths[e]) == n
                && (n == 0 || memcmp(plain.base + starts[e], bytes, n) == 0)
            {
                return UInt32(e)
            }
            slot = (slot + 1) & mask
        }
        let e = starts.count
        plain.appendLE(UInt32(n))
        starts.append(plain.count)
        plain.append(bytes, n)
        lengths.append(Int32(n))
        hashes.append(h)
        slots[slot] = Int32(e)
        if (e + 1) * 2 > slots.count { rehash() }
        return UInt32(e)
    }

    private func rehash() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        slots.withUnsafeMutableBufferPointer { s in
            for e in 0..<hashes.count {
                var slot = Int(hashes[e]) & mask
                while s[slot] >= 0 { slot = (slot + 1) & mask }
                s[slot] = Int32(e)
            }
        }
    }

    /// A fast 32-bit hash of `n` bytes, eight at a time.
    @inline(__always) static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt32 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = UInt64(n) &* k
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* k
            h ^= h >> 32
        }
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// Dictionary of distinct fixed-width values (by bit pattern, so -0.0 and 0.0 stay distinct),
/// with the PLAIN dictionary page body kept ready. Open addressing, no per-value allocation.
final class FixedWidthDictionary {
    /// Bytes per value in the dictionary page: 4 or 8.
    let width: Int
    let plain = OutputBuffer(capacity: 1 << 14)
    private(set) var keys: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var shift: UInt64

    init(width: Int) {
        self.width = width
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
        shift = 54
    }

    var count: Int { keys.count }
    var byteSize: Int { plain.count }

    func removeAll() {
        plain.removeAll()
        keys.removeAll(keepingCapacity: true)
        if slots.count > 1 << 16 {
            slots = [Int32](repeating: -1, count: 1024)
            shift = 54
        } else {
            for i in slots.indices { slots[i] = -1 }
        }
        mask = slots.count - 1
    }

    @inline(__always) func index(of key: UInt64) -> UInt32 {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let e = Int(slots[slot])
            if e < 0 { break }
            if keys[e] == key { return UInt32(e) }
            slot = (slot + 1) & mask
        }
        let e = keys.count
        keys.append(key)
        if width == 4 { plain.appendLE(UInt32(truncatingIfNeeded: key)) } else { plain.appendLE(key) }
        slots[slot] = Int32(e)
        if (e + 1) * 2 > slots.count { rehash() }
        return UInt32(e)
    }

    private func rehash() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift -= 1
        for (e, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(e)
        }
    }
}
