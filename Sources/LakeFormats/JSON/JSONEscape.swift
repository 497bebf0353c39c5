/// The pieces of JSON string escapes (RFC 8259 §7) both JSON readers share: the byte a
/// one-letter escape stands for, hex digits of `\uXXXX`, and UTF-16 surrogate pairs.
enum JSONEscape {
    /// The byte `\<e>` stands for (`\n` → 10...), or nil when `e` is not a one-letter escape.
    @inline(__always)
    static func simple(_ e: UInt8) -> UInt8? {
        switch e {
        case 34, 92, 47: return e
        case 98: return 8
        case 102: return 12
        case 110: return 10
        case 114: return 13
        case 116: return 9
        default: return nil
        }
    }

    /// The value of one hex digit, or nil.
    @inline(__always)
    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: return UInt32(c - 48)
        case 97...102: return UInt32(c - 87)
        case 65...70: return UInt32(c - 55)
        default: return nil
        }
    }

    /// The scalar of a high and low surrogate, or U+FFFD when they do not pair.
    static func combine(high: UInt32, low: UInt32) -> UInt32 {
        (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
    }
}
