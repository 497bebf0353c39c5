/// Snappy's raw block format (the one Parquet uses, not the framed stream format): a varint of
/// the uncompressed length, then literal and copy elements.
///
/// The compressor follows the reference design: 64 KiB blocks, a hash table of 16-bit positions
/// keyed by four input bytes, and a skip that speeds up over incompressible input. It works on
/// raw pointers so the hot loop has no bounds checks and no allocation.
public enum Snappy {
    static let blockSize = 1 << 16
    static let maxTableSize = 1 << 14
    static let inputMargin = 15

    /// The most bytes ``compress(_:to:)`` can write for `sourceLength` input bytes.
    public static func maxCompressedLength(_ sourceLength: Int) -> Int {
        32 + sourceLength + sourceLength / 6
    }

    /// Compresses `bytes` into a new array.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { src in
            let cap = maxCompressedLength(src.count)
            return [UInt8](unsafeUninitializedCapacity: cap) { buf, initialized in
                guard let out = buf.baseAddress else {
                    initialized = 0
                    return
                }
                initialized = compress(src, to: UnsafeMutableRawPointer(out))
            }
        }
    }

    /// Compresses `source` into `destination`, which must have room for
    /// ``maxCompressedLength(_:)`` bytes. Returns the compressed length.
    public static func compress(_ source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) -> Int {
        var op = destination.assumingMemoryBound(to: UInt8.self)
        // Preamble: uncompressed length as a varint.
        var n = UInt64(source.count)
        while n >= 0x80 {
            op.pointee = UInt8(truncatingIfNeeded: n) | 0x80
            op += 1
            n >>= 7
        }
        op.pointee = UInt8(n)
        op += 1
        guard let base = source.baseAddress, source.count > 0 else {
            return op - destination.assumingMemoryBound(to: UInt8.self)
        }
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: maxTableSize)
        defer { table.deallocate() }
        var start = 0
        while start < source.count {
            let length = min(blockSize, source.count - start)
            var tableSize = 256
            while tableSize < maxTableSize && tableSize < length { tableSize <<= 1 }
            table.initialize(repeating: 0, count: tableSize)
            let shift = UInt32(32 - tableSize.trailingZeroBitCount)
            op = compressBlock(
                base.assumingMemoryBound(to: UInt8.self) + start, length, op, table, shift,
                sourceEnd: base.assumingMemoryBound(to: UInt8.self) + source.count)
            start += length
        }
        return op - destination.assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always) static func load32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
    }

    @inline(__always) static func load64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    @inline(__always) static func hash(_ v: UInt32, _ shift: UInt32) -> Int {
        Int((v &* 0x1E35_A7BD) >> shift)
    }

    /// Compresses one block of at most 64 KiB; returns the new output position.
    static func compressBlock(
        _ input: UnsafePointer<UInt8>, _ length: Int, _ output: UnsafeMutablePointer<UInt8>,
        _ table: UnsafeMutablePointer<UInt16>, _ shift: UInt32, sourceEnd: UnsafePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        let ipEnd = input + length
        var nextEmit = input
        guard length >= inputMargin else {
            return emitLiteral(op, nextEmit, ipEnd - nextEmit)
        }
        let ipLimit = ipEnd - inputMargin
        var ip = input + 1
        var nextHash = hash(load32(ip), shift)
        outer: while true {
            var skip: UInt32 = 32
            var nextIp = ip
            var candidate: UnsafePointer<UInt8>
            repeat {
                ip = nextIp
                let h = nextHash
                let step = Int(skip >> 5)
                skip &+= 1
                nextIp = ip + step
                if nextIp > ipLimit { break outer }
                nextHash = hash(load32(nextIp), shift)
                candidate = input + Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip - input)
            } while load32(ip) != load32(candidate)

            let literalLength = ip - nextEmit
            if literalLength <= 16 && nextEmit + 16 <= sourceEnd {
                // Short literal: one tag byte and two 8-byte moves. The copy may write past the
                // literal, into output slack that maxCompressedLength reserves.
                op.pointee = UInt8((literalLength - 1) << 2)
                let src = UnsafeRawPointer(nextEmit)
                let dst = UnsafeMutableRawPointer(op + 1)
                dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
                dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                op += 1 + literalLength
            } else {
                op = emitLiteral(op, nextEmit, literalLength)
            }
            repeat {
                let matched = 4 + matchLength(candidate + 4, ip + 4, ipEnd)
                let offset = ip - candidate
                ip += matched
                op = emitCopy(op, offset, matched)
                nextEmit = ip
                if ip >= ipLimit { break outer }
                table[hash(load32(ip - 1), shift)] = UInt16(truncatingIfNeeded: ip - 1 - input)
                let h = hash(load32(ip), shift)
                candidate = input + Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip - input)
            } while load32(ip) == load32(candidate)
            ip += 1
            nextHash = hash(load32(ip), shift)
        }
        if nextEmit < ipEnd {
            op = emitLiteral(op, nextEmit, ipEnd - nextEmit)
        }
        return op
    }

    /// Number of equal bytes at `a` and `b`, reading no further than `limit` from `b`.
    @inline(__always) static func matchLength(
        _ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>
    ) -> Int {
        var matched = 0
        while b + matched + 8 <= limit {
            let x = load64(a + matched) ^ load64(b + matched)
            if x != 0 { return matched + x.trailingZeroBitCount >> 3 }
            matched += 8
        }
        while b + matched < limit && a[matched] == b[matched] { matched += 1 }
        return matched
    }

    @inline(__always) static func emitLiteral(
        _ output: UnsafeMutablePointer<UInt8>, _ literal: UnsafePointer<UInt8>, _ length: Int
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        let n = length - 1
        if n < 60 {
            op.pointee = UInt8(n << 2)
            op += 1
        } else {
            var count = 0
            var v = n
            while v > 0 {
                (op + 1 + count).pointee = UInt8(truncatingIfNeeded: v)
                v >>= 8
                count += 1
            }
            op.pointee = UInt8((59 + count) << 2)
            op += 1 + count
        }
        UnsafeMutableRawPointer(op).copyMemory(from: literal, byteCount: length)
        return op + length
    }

    @inline(__always) static func emitCopy(
        _ output: UnsafeMutablePointer<UInt8>, _ offset: Int, _ length: Int
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        var len = length
        while len >= 68 {
            op = emitCopy2(op, offset, 64)
            len -= 64
        }
        if len > 64 {
            op = emitCopy2(op, offset, 60)
            len -= 60
        }
        if len < 12 && offset < 2048 {
            op[0] = UInt8(1 | ((len - 4) << 2) | ((offset >> 8) << 5))
            op[1] = UInt8(truncatingIfNeeded: offset)
            return op + 2
        }
        return emitCopy2(op, offset, len)
    }

    @inline(__always) static func emitCopy2(
        _ op: UnsafeMutablePointer<UInt8>, _ offset: Int, _ length: Int
    ) -> UnsafeMutablePointer<UInt8> {
        op[0] = UInt8(2 | ((length - 1) << 2))
        op[1] = UInt8(truncatingIfNeeded: offset)
        op[2] = UInt8(truncatingIfNeeded: offset >> 8)
        return op + 3
    }
}
