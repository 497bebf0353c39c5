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
    /// Open-addressing table of (hash, index) pairs: most misses are settled in the slot
    /// without touching the entries (index -1 marks an empty slot).
    private var slots: [Slot] = [Slot](repeating: Slot(), count: 1024)
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
            slots = [Slot](repeating: Slot(), count: 1024)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot()) }
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
        let word = SWAR.word(bytes, n)
        let h = Self.hash(bytes, n, word: word)
        let tag = Slot.tag(hash: h, count: n)
        var slot = Int(h) & mask
        let mask = self.mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let s = slots[slot]
                if s.index < 0 { return nil }
                if s.tag == tag && s.word == word {
                    // Up to eight bytes the slot holds them all (and the tag the length).
                    if n <= 8 || longEntry(Int(s.index), equals: bytes, count: n) { return Int(s.index) }
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
        slots[slot] = Slot(tag: tag, index: Int32(e), word: word)
        if (e + 1) * 2 > slots.count { rehash() }
        return UInt32(e)
    }

    /// Whether entry `e`, whose first eight bytes are known to match, equals the `n` (> 8) bytes.
    private func longEntry(_ e: Int, equals bytes: UnsafeRawPointer, count n: Int) -> Bool {
        guard Int(lengths[e]) == n else { return false }
        return plain.withUnsafeBytes { stored in
            guard let base = stored.baseAddress else { return false }
            return Self.equal(base + starts[e] + 8, bytes + 8, n - 8)
        }
    }

    private mutating func rehash() {
        let size = slots.count * 2
        var fresh = [Slot](repeating: Slot(), count: size)
        let m = size - 1
        fresh.withUnsafeMutableBufferPointer { s in
            for e in 0..<hashes.count {
                var slot = Int(hashes[e]) & m
                while s[slot].index >= 0 { slot = (slot + 1) & m }
                s[slot] = Slot(tag: Slot.tag(hash: hashes[e], count: Int(lengths[e])), index: Int32(e), word: entryWord(e))
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
        return SWAR.tail(a, from: i, n) == SWAR.tail(b, from: i, n)
    }

    /// The ``SWAR/word(_:_:)`` of entry `e`.
    private func entryWord(_ e: Int) -> UInt64 {
        plain.withUnsafeBytes { stored in
            guard let base = stored.baseAddress else { return 0 }
            return SWAR.word(base + starts[e], Int(lengths[e]))
        }
    }

    /// A fast 32-bit hash of `n` bytes, eight at a time; `word` is their ``SWAR/word(_:_:)``.
    @inline(__always) static func hash(_ p: UnsafeRawPointer, _ n: Int, word: UInt64) -> UInt32 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = ((UInt64(n) &* k) ^ word) &* k
        h ^= h >> 29
        var i = 8
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i += 8
        }
        if i < n {
            h = (h ^ SWAR.tail(p, from: i, n)) &* k
            h ^= h >> 32
        }
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// A table slot: the entry's index (-1: empty), a tag of its hash and length, and its
    /// first eight bytes, so short values are found or ruled out without reading the entries.
    struct Slot {
        var tag: UInt32 = 0
        var index: Int32 = -1
        var word: UInt64 = 0

        /// The hash's top 24 bits and the length (255 for 255 or more).
        @inline(__always) static func tag(hash: UInt32, count n: Int) -> UInt32 {
            (hash & 0xFFFF_FF00) | UInt32(min(n, 255))
        }
    }
}
