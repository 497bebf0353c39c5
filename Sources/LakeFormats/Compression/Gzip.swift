import CZlib

/// GZIP (RFC 1952) through the system zlib: `deflateInit2` with window bits 31 writes the gzip
/// header and trailer; decompression accepts gzip (and zlib) streams.
public enum Gzip {
    /// Compresses `source` into one gzip member.
    public static func compress(_ source: UnsafeRawBufferPointer, level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        let initResult = deflateInit2_(
            &stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw zlibError("deflateInit2", initResult) }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(source.count))) + 32
        var out = [UInt8](repeating: 0, count: bound)
        let written: Int = try out.withUnsafeMutableBytes { dst in
            stream.next_in = UnsafeMutablePointer(
                mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(source.count)
            stream.next_out = dst.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(dst.count)
            let result = deflate(&stream, Z_FINISH)
            guard result == Z_STREAM_END else { throw zlibError("deflate", result) }
            return Int(stream.total_out)
        }
        out.removeSubrange(written...)
        return out
    }

    /// Compresses a byte array into one gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        try bytes.withUnsafeBytes { try compress($0, level: level) }
    }

    /// Decompresses a gzip stream (concatenated members too) whose output is exactly
    /// `destination.count` bytes long.
    public static func decompress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws {
        let produced = try inflateAll(source, maxOutput: destination.count) { chunk, offset in
            guard let dst = destination.baseAddress, let src = chunk.baseAddress,
                offset + chunk.count <= destination.count
            else { return }
            (dst + offset).copyMemory(from: src, byteCount: chunk.count)
        }
        guard produced == destination.count else {
            throw FormatError.corrupt(
                "gzip data decompresses to \(produced) bytes, \(destination.count) expected")
        }
    }

    /// Decompresses a gzip stream into a new array of at most `maxLength` bytes.
    public static func decompress(_ bytes: [UInt8], maxLength: Int = 1 << 30) throws -> [UInt8] {
        var out: [UInt8] = []
        _ = try bytes.withUnsafeBytes { src in
            try inflateAll(src, maxOutput: maxLength) { chunk, _ in out.append(contentsOf: chunk) }
        }
        return out
    }

    /// Inflates every member of `source`, handing out chunks of at most 64 KiB.
    private static func inflateAll(
        _ source: UnsafeRawBufferPointer, maxOutput: Int,
        _ sink: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws -> Int {
        guard let srcBase = source.baseAddress, source.count > 0 else {
            throw FormatError.corrupt("gzip data is empty")
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        var consumed = 0
        while consumed < source.count {
            var stream = z_stream()
            let initResult = inflateInit2_(&stream, 47, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard initResult == Z_OK else { throw zlibError("inflateInit2", initResult) }
            defer { inflateEnd(&stream) }
            stream.next_in = UnsafeMutablePointer(
                mutating: (srcBase + consumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(source.count - consumed)
            var result: Int32 = Z_OK
            while result != Z_STREAM_END {
                let produced: Int = try chunk.withUnsafeMutableBufferPointer { buf in
                    stream.next_out = buf.baseAddress
                    stream.avail_out = uInt(buf.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    guard result == Z_OK || result == Z_STREAM_END else {
                        if result == Z_BUF_ERROR { throw FormatError.truncated("gzip data ends early") }
                        throw zlibError("inflate", result, stream.msg)
                    }
                    return buf.count - Int(stream.avail_out)
                }
                guard total + produced <= maxOutput else {
                    throw FormatError.corrupt("gzip data decompresses to more than the \(maxOutput) bytes expected")
                }
                try chunk.withUnsafeBufferPointer { try sink(UnsafeBufferPointer(rebasing: $0[0..<produced]), total) }
                total += produced
            }
            consumed += Int(stream.total_in)
            // Trailing zero padding after the last member is tolerated.
            if source[consumed...].allSatisfy({ $0 == 0 }) { break }
        }
        return total
    }

    private static func zlibError(_ call: String, _ code: Int32, _ msg: UnsafeMutablePointer<CChar>? = nil) -> FormatError {
        let text = msg.map { String(cString: $0) } ?? "code \(code)"
        if code == Z_DATA_ERROR {
            return FormatError(.corrupt, "gzip data is corrupt", context: FormatError.Context(), underlying: "\(call): \(text)")
        }
        return FormatError(.io, "zlib \(call) failed", context: FormatError.Context(), underlying: text)
    }
}
