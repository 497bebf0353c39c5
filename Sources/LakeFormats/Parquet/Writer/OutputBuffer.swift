/// A growable byte buffer over one raw allocation, for the writer's hot paths: appends are a
/// capacity check and a `memcpy`, with no copy-on-write checks and no per-value allocation.
/// Owned by one column writer at a time; never shared between threads.
final class OutputBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count: Int = 0
    private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The bytes written so far. Valid until the next append.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    /// Releases memory beyond `limit` bytes of capacity (after a large row group).
    func shrink(to limit: Int) {
        guard capacity > limit, count <= limit else { return }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: limit, alignment: 16)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = limit
    }

    @inline(__always) func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        fresh.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    /// Pointer to the next free byte; call ``reserve(_:)`` first and ``advance(_:)`` after.
    @inline(__always) var tail: UnsafeMutableRawPointer { base + count }

    @inline(__always) func advance(_ n: Int) { count += n }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always) func append(_ pointer: UnsafeRawPointer, _ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).copyMemory(from: pointer, byteCount: n)
        count += n
    }

    func append(_ buffer: UnsafeRawBufferPointer) {
        if let p = buffer.baseAddress { append(p, buffer.count) }
    }

    func append(_ array: [UInt8]) {
        array.withUnsafeBytes { append($0) }
    }

    @inline(__always) func appendLE<T: FixedWidthInteger>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        (base + count).storeBytes(of: value.littleEndian, as: T.self)
        count += MemoryLayout<T>.size
    }

    func appendVarint(_ value: UInt64) {
        var v = value
        reserve(10)
        while v >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: count, as: UInt8.self)
            count += 1
            v >>= 7
        }
        base.storeBytes(of: UInt8(v), toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Overwrites four bytes at `offset` with `value` (little-endian), e.g. a length prefix.
    func patchUInt32LE(_ value: UInt32, at offset: Int) {
        precondition(offset + 4 <= count, "patch outside the written bytes")
        (base + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }
}
