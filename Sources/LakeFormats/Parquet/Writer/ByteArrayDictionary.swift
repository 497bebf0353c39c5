import Foundation

/// Dictionary of distinct byte strings for RLE_DICTIONARY encoding: an open-addressing hash
/// table of entry indices over the entries' bytes, which are kept PLAIN-encoded (4-byte length
/// then bytes) so the dictionary page body is ready as is. No per-value allocation: lookups
/// hash and compare the caller's bytes in place.
///
/// A struct so hot loops can work on a local copy without dynamic exclusivity checks; the
/// column writer moves it out, encodes a slice of values, and moves it back.
struct ByteArrayDictionary {
    /// The dictionary page body: each entry as a 4-byte little-endian length and its bytes.
    private(set) var plain: [UInt8] = []
    /// Offset of each entry's bytes (after the length) in `plain`.
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt32] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 1024)
    private var mask = 1023

    var count: Int { starts.count }
    /// Bytes the dictionary page body takes.
    var byteSize: Int { plain.count }

    mutating func removeAll() {
        plain.removeAll(keepingCapacity: plain.capacity <= 1 << 22)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        if slots.count > 1 << 16 {
            slots = [Int32](repeating: -1, count: 1024)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        mask = slots.count - 1
    }

    /// Calls `body` with the bytes of each entry, in index order.
    func forEachEntry(_ body: (UnsafeRawBufferPointer) -> Void) {
        plain.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            for i in 0..<starts.count { body(UnsafeRawBufferPointer(start: base + starts[i], count: Int(lengths[i]))) }
        }
    }

    /// Appends the index of each valid row's value to `indices`, adding new values.
    mutating func encode(
        offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawPointer, rows: Range<Int>,
        valid: UnsafeBufferPointer<Bool>?, into indices: inout [UInt32]
    ) {
        for row in rows where valid?[row] ?? true {
            let start = Int(offsets[row])
            indices.append(index(of: data + start, count: Int(offsets[row + 1]) - start))
        }
    }

    /// Returns the index of `bytes`, adding it when new.
    @inline(__always) mutating func index(of bytes: UnsafeRawPointer, count n: Int) -> UInt32 {
        let h = Self.hash(bytes, n)
        var slot = Int(h) & mask
        let found: Int? = plain.withUnsafeBytes { stored -> Int? in
            let base = stored.baseAddress
            while true {
                let e = Int(slots[slot])
                if e < 0 { return nil }
                if hashes[e] == h && Int(lengths[e]) == n {
                    if n == 0 { return e }
                    if let base, Self.equal(base + starts[e], bytes, n) { return e }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return UInt32(found) }
        let e = starts.count
        withUnsafeBytes(of: UInt32(n).littleEndian) { plain.append(contentsOf: $0) }
        starts.append(plain.count)
        plain.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: n))
        lengths.append(Int32(n))
        hashes.append(h)
        slots[slot] = Int32(e)
        if (e + 1) * 2 > slots.count { rehash() }
        return UInt32(e)
    }

    private mutating func rehash() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: -1, count: size)
        let m = size - 1
        fresh.withUnsafeMutableBufferPointer { s in
            for e in 0..<hashes.count {
                var slot = Int(hashes[e]) & m
                while s[slot] >= 0 { slot = (slot + 1) & m }
                s[slot] = Int32(e)
            }
        }
        slots = fresh
        mask = m
    }

    /// Byte equality, inlined eight bytes at a time for short values (most dictionary
    /// strings), `memcmp` for long ones.
    @inline(__always) static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n > 64 { return memcmp(a, b, n) == 0 }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
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

/// Dictionary of distinct fixed-width values (by bit pattern, so -0.0 and 0.0 stay distinct).
/// Open addressing, no per-value allocation; a struct for the same reason as
/// ``ByteArrayDictionary``.
struct FixedWidthDictionary {
    /// Bytes per value in the dictionary page: 4 or 8.
    let width: Int
    private(set) var keys: [UInt64] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 1024)
    private var mask = 1023
    private var shift: UInt64 = 54

    init(width: Int) { self.width = width }

    var count: Int { keys.count }
    var byteSize: Int { keys.count * width }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        if slots.count > 1 << 16 {
            slots = [Int32](repeating: -1, count: 1024)
            shift = 54
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
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
            let e = Int(slots[slot])
            if e < 0 { break }
            if keys[e] == key { return UInt32(e) }
            slot = (slot + 1) & mask
        }
        let e = keys.count
        keys.append(key)
        slots[slot] = Int32(e)
        if (e + 1) * 2 > slots.count { rehash() }
        return UInt32(e)
    }

    private mutating func rehash() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift -= 1
        for (e, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while fresh[slot] >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = Int32(e)
        }
        slots = fresh
    }
}
