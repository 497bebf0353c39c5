extension Snappy {
    /// Reads the uncompressed length from the start of a Snappy block.
    public static func uncompressedLength(_ source: UnsafeRawBufferPointer) throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var i = 0
        while true {
            guard i < source.count else { throw FormatError.corrupt("snappy block ends inside its length") }
            let b = source[i]
            i += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw FormatError.corrupt("snappy length is longer than 32 bits") }
        }
        guard result <= UInt64(UInt32.max) else { throw FormatError.corrupt("snappy length too large") }
        return Int(result)
    }

    /// Decompresses a Snappy block into a new array. `maxLength` bounds the allocation: a block
    /// announcing more throws instead of allocating.
    public static func decompress(_ bytes: [UInt8], maxLength: Int = 1 << 30) throws -> [UInt8] {
        try bytes.withUnsafeBytes { src in
            let length = try uncompressedLength(src)
            guard length <= maxLength else {
                throw FormatError.corrupt("snappy block announces \(length) bytes, more than the \(maxLength) allowed")
            }
            return try [UInt8](unsafeUninitializedCapacity: length) { buf, initialized in
                initialized = try decompress(src, into: UnsafeMutableRawBufferPointer(buf))
            }
        }
    }

    /// Decompresses `source` into `destination`, which must be exactly as long as the block's
    /// announced length. Every offset and length is checked; corrupt input throws.
    /// Returns the number of bytes written.
    @discardableResult
    public static func decompress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        let expected = try uncompressedLength(source)
        guard expected == destination.count else {
            throw FormatError.corrupt(
                "snappy block holds \(expected) bytes but \(destination.count) were expected")
        }
        guard expected > 0 else { return 0 }
        guard let srcBase = source.baseAddress, let dstBase = destination.baseAddress else { return 0 }
        let src = srcBase.assumingMemoryBound(to: UInt8.self)
        let dst = dstBase.assumingMemoryBound(to: UInt8.self)
        var ip = 0
        while src[ip] & 0x80 != 0 { ip += 1 }
        ip += 1
        let ipEnd = source.count
        var op = 0
        let opEnd = expected
        while ip < ipEnd {
            let tag = src[ip]
            ip += 1
            switch tag & 3 {
            case 0:
                var len = Int(tag >> 2)
                if len >= 60 {
                    let extra = len - 59
                    guard ip + extra <= ipEnd else { throw FormatError.corrupt("snappy literal length cut short") }
                    len = 0
                    for k in 0..<extra { len |= Int(src[ip + k]) << (8 * k) }
                    ip += extra
                }
                len += 1
                guard len <= ipEnd - ip, len <= opEnd - op else {
                    throw FormatError.corrupt("snappy literal runs past the end of the block")
                }
                (dst + op).update(from: src + ip, count: len)
                ip += len
                op += len
            default:
                let len: Int
                let offset: Int
                switch tag & 3 {
                case 1:
                    guard ip < ipEnd else { throw FormatError.corrupt("snappy copy cut short") }
                    len = 4 + Int((tag >> 2) & 7)
                    offset = Int(tag >> 5) << 8 | Int(src[ip])
                    ip += 1
                case 2:
                    guard ip + 2 <= ipEnd else { throw FormatError.corrupt("snappy copy cut short") }
                    len = 1 + Int(tag >> 2)
                    offset = Int(src[ip]) | Int(src[ip + 1]) << 8
                    ip += 2
                default:
                    guard ip + 4 <= ipEnd else { throw FormatError.corrupt("snappy copy cut short") }
                    len = 1 + Int(tag >> 2)
                    offset = Int(src[ip]) | Int(src[ip + 1]) << 8 | Int(src[ip + 2]) << 16 | Int(src[ip + 3]) << 24
                    ip += 4
                }
                guard offset > 0, offset <= op, len <= opEnd - op else {
                    throw FormatError.corrupt("snappy copy points outside the block")
                }
                let from = dst + (op - offset)
                let to = dst + op
                if offset >= len {
                    to.update(from: from, count: len)
                } else {
                    for k in 0..<len { to[k] = from[k] }
                }
                op += len
            }
        }
        guard op == opEnd else {
            throw FormatError.corrupt("snappy block decodes to \(op) bytes, announced \(opEnd)")
        }
        return op
    }
}
