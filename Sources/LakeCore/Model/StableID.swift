import Foundation

/// Deterministic identifiers: the same inputs always give the same id, so a retried step
/// overwrites its own rows and files instead of adding new ones.
public enum StableID {
    /// A UUID-shaped id (RFC 4122 version 8 layout) from two FNV-1a-64 hashes of the parts.
    public static func make(_ parts: String...) -> String { make(parts) }

    public static func make(_ parts: [String]) -> String {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
        var h2: UInt64 = 0x8422_2325_cbf2_9ce4
        for part in parts {
            for byte in part.utf8 {
                h1 = (h1 ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                h2 = (h2 ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                h2 = (h2 << 7) | (h2 >> 57)
            }
            h1 = (h1 ^ 0x1F) &* 0x0000_0100_0000_01B3
            h2 = (h2 ^ 0x1F) &* 0x0000_0100_0000_01B3
        }
        let a = (h1 & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000
        let b = (h2 & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hex16(a) + hex16(b)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    private static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// Random identifiers for things that must be unique (new batches, messages).
public protocol IDGenerator: Sendable {
    func next() -> String
}

/// UUID v4 ids.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func next() -> String { UUIDString.random() }
}

/// Random (version 4) UUIDs as lower-case text, from the system's random generator:
/// Foundation's `UUID()` on Linux opens and reads `/dev/urandom` for each one, three system
/// calls per id on paths that make one per file.
public enum UUIDString {
    /// A new random UUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[at] = digits[Int((value >> UInt64(shift)) & 0xF)]
                    at += 1
                }
            }
            func dash() {
                buffer[at] = UInt8(ascii: "-")
                at += 1
            }
            put(high >> 32, nibbles: 8); dash()
            put(high >> 16, nibbles: 4); dash()
            put(high, nibbles: 4); dash()
            put(low >> 48, nibbles: 4); dash()
            put(low, nibbles: 12)
            return at
        }
    }
}
