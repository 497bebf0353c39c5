import Foundation

/// Running min / max / null count of one column chunk, kept in the physical type's domain and
/// encoded as Parquet PLAIN bytes at the end (DESIGN §5: byte arrays compare as unsigned bytes,
/// decimals in fixed-length bytes as signed numbers, floats ignore NaN, a zero minimum is
/// written as -0.0 and a zero maximum as +0.0; no min/max when every value is null or NaN).
struct StatisticsAccumulator {
    enum Domain { case integer, floating, bytes, signedBytes }

    let domain: Domain
    let physical: ParquetThrift.PhysicalType
    private(set) var hasMinMax = false
    private(set) var minInt: Int64 = .max
    private(set) var maxInt: Int64 = .min
    private(set) var minDouble: Double = .infinity
    private(set) var maxDouble: Double = -.infinity
    private(set) var minBytes: [UInt8] = []
    private(set) var maxBytes: [UInt8] = []
    var nullCount: Int64 = 0

    /// Longest byte-array min or max written to statistics.
    static let maxStatisticsBytes = 4096

    init(physical: ParquetThrift.PhysicalType, signedBytes: Bool) {
        self.physical = physical
        switch physical {
        case .boolean, .int32, .int64, .int96: domain = .integer
        case .float, .double: domain = .floating
        case .byteArray, .fixedLenByteArray: domain = signedBytes ? .signedBytes : .bytes
        }
    }

    mutating func reset() {
        hasMinMax = false
        minInt = .max
        maxInt = .min
        minDouble = .infinity
        maxDouble = -.infinity
        minBytes = []
        maxBytes = []
        nullCount = 0
    }

    @inline(__always) mutating func update(minInt lo: Int64, maxInt hi: Int64) {
        guard lo <= hi else { return }
        hasMinMax = true
        if lo < minInt { minInt = lo }
        if hi > maxInt { maxInt = hi }
    }

    /// Merges a range found without NaN (callers skip NaN).
    @inline(__always) mutating func update(minDouble lo: Double, maxDouble hi: Double) {
        guard lo <= hi else { return }
        hasMinMax = true
        if lo < minDouble { minDouble = lo }
        if hi > maxDouble { maxDouble = hi }
    }

    /// Compares byte strings in this column's order.
    @inline(__always) func less(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        Self.compare(a, b, signed: domain == .signedBytes) < 0
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, signed: Bool) -> Int {
        if signed, !a.isEmpty, !b.isEmpty {
            let sa = Int8(bitPattern: a[0])
            let sb = Int8(bitPattern: b[0])
            if sa != sb { return sa < sb ? -1 : 1 }
        }
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let c = memcmp(pa, pb, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Considers one byte-string value.
    @inline(__always) mutating func update(bytes value: UnsafeRawBufferPointer) {
        if !hasMinMax {
            hasMinMax = true
            minBytes = Array(value)
            maxBytes = minBytes
            return
        }
        let isLess = minBytes.withUnsafeBytes { less(value, $0) }
        if isLess {
            minBytes = Array(value)
            return
        }
        let isGreater = maxBytes.withUnsafeBytes { less($0, value) }
        if isGreater { maxBytes = Array(value) }
    }

    /// Merges another chunk's statistics (for file-level summaries).
    mutating func merge(_ other: StatisticsAccumulator) {
        nullCount += other.nullCount
        guard other.hasMinMax else { return }
        switch domain {
        case .integer: update(minInt: other.minInt, maxInt: other.maxInt)
        case .floating: update(minDouble: other.minDouble, maxDouble: other.maxDouble)
        case .bytes, .signedBytes:
            other.minBytes.withUnsafeBytes { update(bytes: $0) }
            other.maxBytes.withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// PLAIN-encoded min and max (no length prefix for byte arrays), or nil.
    func encodedMinMax() -> (min: [UInt8], max: [UInt8])? {
        guard hasMinMax else { return nil }
        switch physical {
        case .boolean: return ([minInt != 0 ? 1 : 0], [maxInt != 0 ? 1 : 0])
        case .int32: return (Self.le(Int32(truncatingIfNeeded: minInt)), Self.le(Int32(truncatingIfNeeded: maxInt)))
        case .int64: return (Self.le(minInt), Self.le(maxInt))
        case .float:
            let lo: Float = minDouble == 0 ? -0.0 : Float(minDouble)
            let hi: Float = maxDouble == 0 ? 0.0 : Float(maxDouble)
            return (Self.le(lo.bitPattern), Self.le(hi.bitPattern))
        case .double:
            let lo: Double = minDouble == 0 ? -0.0 : minDouble
            let hi: Double = maxDouble == 0 ? 0.0 : maxDouble
            return (Self.le(lo.bitPattern), Self.le(hi.bitPattern))
        case .byteArray, .fixedLenByteArray:
            // Like Arrow, leave out bounds longer than 4 KiB rather than bloat the footer.
            guard minBytes.count <= Self.maxStatisticsBytes, maxBytes.count <= Self.maxStatisticsBytes else { return nil }
            return (minBytes, maxBytes)
        case .int96: return nil
        }
    }

    /// The Thrift statistics for this chunk.
    func thrift() -> ParquetThrift.Statistics {
        var s = ParquetThrift.Statistics(nullCount: nullCount)
        if let (lo, hi) = encodedMinMax() {
            s.minValue = lo
            s.maxValue = hi
        }
        return s
    }

    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }
}
