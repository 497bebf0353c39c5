#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key name compared against text where it lies: names of up to eight bytes (nearly every
/// JSON key) as one word load and mask, longer ones with `memcmp`. Keys are compared once per
/// value, and calling `memcmp` for two to eight bytes was most of the cost.
struct ShortKey {
    let bytes: [UInt8]
    /// The bytes as one little-endian word, zero-padded (names of up to eight bytes).
    private let word: UInt64
    /// The bytes of a word the name covers.
    private let mask: UInt64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        word = bytes.withUnsafeBytes { raw in raw.baseAddress.map { SWAR.word($0, bytes.count) } ?? 0 }
        mask = bytes.count >= 8 ? ~0 : (1 << UInt64(8 * bytes.count)) &- 1
    }

    var count: Int { bytes.count }

    /// Whether the ``count`` bytes at `p` are the name; `readable` bytes from `p` may be read
    /// (at least ``count``).
    @inline(__always)
    func matches(_ p: UnsafePointer<UInt8>, readable: Int) -> Bool {
        let n = bytes.count
        if n <= 8 && readable >= 8 {
            return UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) & mask == word
        }
        return bytes.withUnsafeBufferPointer { b in
            guard let q = b.baseAddress else { return true }
            return memcmp(p, q, n) == 0
        }
    }
}
