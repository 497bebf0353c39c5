/// An append-only run of plain values for the nested column builders: appending checks only
/// the capacity, where a Swift array also checks that its storage is not shared (a tenth of
/// the decoding time in a profile). The owner frees it (``free()``) in its `deinit`.
struct AppendBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Values appended.
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    /// Appends the `n` values at `p`.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<Element>, count n: Int) {
        if capacity - count < n { grow(toFit: n) }
        (base + count).update(from: p, count: n)
        count += n
    }

    /// Appends `value` `n` times.
    mutating func append(_ value: Element, times n: Int) {
        guard n > 0 else { return }
        if capacity - count < n { grow(toFit: n) }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    /// Keeps the first `n` values (all when fewer were appended).
    @inline(__always)
    mutating func truncate(to n: Int) { count = min(count, max(0, n)) }

    /// Whether any value appended equals `value`.
    func contains(_ value: Element) -> Bool where Element: Equatable {
        UnsafeBufferPointer(start: base, count: count).contains(value)
    }

    /// The last value appended; the buffer must not be empty.
    var last: Element { base[count - 1] }

    /// The values as an array (one copy).
    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Releases the memory; the buffer must not be used afterwards.
    func free() { base.deallocate() }

    private mutating func grow() { grow(toFit: 1) }

    /// Doubles the capacity until `n` more values fit.
    private mutating func grow(toFit n: Int) {
        var bigger = capacity * 2
        while bigger - count < n { bigger *= 2 }
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }
}

/// Where unescaped text goes byte by byte or run by run: a Swift array, or an
/// ``AppendBuffer`` where appending skips the array's uniqueness and growth checks.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(_ p: UnsafePointer<UInt8>, count: Int)
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, count: Int) {
        append(contentsOf: UnsafeBufferPointer(start: p, count: count))
    }
}

extension AppendBuffer: ByteSink where Element == UInt8 {}
