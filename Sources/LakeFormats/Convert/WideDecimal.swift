/// A decimal's unscaled value in 128 bits (two's complement), for precisions 19 to 38.
struct WideDecimal: Hashable {
    var high: UInt64
    var low: UInt64

    /// Bytes of a FIXED_LEN_BYTE_ARRAY decimal of `precision` digits.
    static func byteWidth(precision: Int) -> Int {
        var width = 1
        // Smallest width whose signed range holds 10^precision - 1.
        while Double(precision) > (Double(width * 8 - 1)) * 0.30102999566398120 { width += 1 }
        return width
    }

    /// Plain decimal text scaled to `scale`; nil when it has more fraction digits than `scale`,
    /// more than `precision` digits, or is not plain decimal text.
    init?(parsing p: UnsafePointer<UInt8>, _ n: Int, precision: Int, scale: Int) {
        var i = 0
        var negative = false
        if n > 0, p[0] == 45 || p[0] == 43 {
            negative = p[0] == 45
            i = 1
        }
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        var digits = 0
        var fraction = 0
        var any = false
        var afterPoint = false
        func times10plus(_ d: UInt64) {
            let (h, l) = lo.multipliedFullWidth(by: 10)
            hi = hi &* 10 &+ h
            let (sum, carry) = l.addingReportingOverflow(d)
            lo = sum
            if carry { hi &+= 1 }
        }
        while i < n {
            let b = p[i]
            if b == 46, !afterPoint {
                afterPoint = true
                i += 1
                continue
            }
            guard ByteParse.isDigit(b) else { return nil }
            any = true
            if afterPoint {
                fraction += 1
                if fraction > scale { return nil }
            }
            times10plus(UInt64(b &- 48))
            if hi != 0 || lo != 0 { digits += 1 }
            i += 1
        }
        guard any else { return nil }
        while fraction < scale {
            times10plus(0)
            if hi != 0 || lo != 0 { digits += 1 }
            fraction += 1
        }
        guard digits <= precision else { return nil }
        if negative {
            lo = ~lo &+ 1
            hi = ~hi &+ (lo == 0 ? 1 : 0)
        }
        high = hi
        low = lo
    }

    /// Appends the last `width` bytes of the 16-byte big-endian form.
    func appendBigEndian(width: Int, to out: inout [UInt8]) {
        for i in stride(from: width - 1, through: 0, by: -1) {
            let shift = i * 8
            let byte: UInt8 =
                shift >= 64 ? UInt8(truncatingIfNeeded: high >> UInt64(shift - 64)) : UInt8(truncatingIfNeeded: low >> UInt64(shift))
            out.append(byte)
        }
    }
}
