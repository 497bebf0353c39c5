/// A fast 64-bit hash that is the same in every process, on every run and machine (unlike
/// Swift's randomly seeded `Hasher`), for sketches whose state is stored or merged across runs.
///
/// Design: wyhash (final version 4, public domain, by Wang Yi): input is read as little-endian
/// words, and each step folds two 64-bit words with the high and low halves of their 128-bit
/// product ("mum"), then mixed with four fixed odd constants. Strings of up to 16 bytes take a
/// single step; longer ones go through three 16-byte lanes. It passes SMHasher. `Int64` and
/// `Double` values hash as their 8 little-endian bytes, without touching memory; a Double is
/// normalised first (-0.0 as 0.0, every NaN as one canonical NaN), so equal numbers hash equally.
public enum StableHash {
    @inlinable static var p0: UInt64 { 0xA076_1D64_78BD_642F }
    @inlinable static var p1: UInt64 { 0xE703_7ED1_A0B4_28DB }
    @inlinable static var p2: UInt64 { 0x8EBC_6AF0_9C88_C6E3 }
    @inlinable static var p3: UInt64 { 0x5899_65CC_7537_4CC3 }

    /// High half xor low half of the full 128-bit product.
    @inlinable @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Spreads the caller's seed so that nearby seeds give unrelated hashes.
    @inlinable @inline(__always)
    static func prepared(_ seed: UInt64) -> UInt64 {
        seed ^ mix(seed ^ p0, p1)
    }

    /// The last step: fold the final two words with the running seed and the length.
    @inlinable @inline(__always)
    static func finish(_ a: UInt64, _ b: UInt64, seed: UInt64, length: Int) -> UInt64 {
        let product = (a ^ p1).multipliedFullWidth(by: b ^ seed)
        return mix(product.low ^ p0 ^ UInt64(truncatingIfNeeded: length), product.high ^ p1)
    }

    /// Hash of raw bytes.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var state = prepared(seed)
        let length = bytes.count
        guard let base = bytes.baseAddress, length > 0 else {
            return finish(0, 0, seed: state, length: 0)
        }
        func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        func halfWord(_ offset: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        let a: UInt64
        let b: UInt64
        if length <= 16 {
            if length >= 4 {
                // Two overlapping 4-byte reads from each end cover 4...16 bytes.
                let step = (length >> 3) << 2
                a = (halfWord(0) << 32) | halfWord(step)
                b = (halfWord(length - 4) << 32) | halfWord(length - 4 - step)
            } else {
                func byte(_ offset: Int) -> UInt64 { UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) }
                a = (byte(0) << 16) | (byte(length >> 1) << 8) | byte(length - 1)
                b = 0
            }
        } else {
            var offset = 0
            var remaining = length
            if remaining > 48 {
                var lane1 = state
                var lane2 = state
                repeat {
                    state = mix(word(offset) ^ p1, word(offset + 8) ^ state)
                    lane1 = mix(word(offset + 16) ^ p2, word(offset + 24) ^ lane1)
                    lane2 = mix(word(offset + 32) ^ p3, word(offset + 40) ^ lane2)
                    offset += 48
                    remaining -= 48
                } while remaining > 48
                state ^= lane1 ^ lane2
            }
            while remaining > 16 {
                state = mix(word(offset) ^ p1, word(offset + 8) ^ state)
                offset += 16
                remaining -= 16
            }
            // The last 16 bytes of the input (they may overlap bytes already mixed in).
            a = word(offset + remaining - 16)
            b = word(offset + remaining - 8)
        }
        return finish(a, b, seed: state, length: length)
    }

    /// Hash of a byte sequence (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, ...); equals the hash of
    /// the same bytes as an `UnsafeRawBufferPointer`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = 0) -> UInt64 where Bytes.Element == UInt8 {
        if let hashed = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hashed
        }
        return Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }

    /// Hash of a string's UTF-8 bytes.
    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// Hash of an integer; equals the hash of its 8 little-endian bytes.
    @inlinable
    public static func hash(_ value: Int64, seed: UInt64 = 0) -> UInt64 {
        // What the 4...16-byte path reads from 8 bytes: a = low half : high half, b = high : low.
        let bits = UInt64(bitPattern: value)
        let a = (bits << 32) | (bits >> 32)
        return finish(a, bits, seed: prepared(seed), length: 8)
    }

    /// Hash of an integer, as `Int64`.
    @inlinable
    public static func hash(_ value: Int, seed: UInt64 = 0) -> UInt64 {
        hash(Int64(value), seed: seed)
    }

    /// Hash of a number, with -0.0 hashed as 0.0 and every NaN as `Double.nan`.
    @inlinable
    public static func hash(_ value: Double, seed: UInt64 = 0) -> UInt64 {
        let normalised: Double = value.isNaN ? .nan : (value == 0 ? 0 : value)
        return hash(Int64(bitPattern: normalised.bitPattern), seed: seed)
    }
}
