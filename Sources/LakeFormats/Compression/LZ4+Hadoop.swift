extension LZ4 {
    /// Decompresses Parquet's legacy LZ4 codec (id 5) into exactly `destination.count` bytes.
    ///
    /// parquet-mr wrote it in Hadoop's framing: blocks of a big-endian 4-byte uncompressed
    /// length, a big-endian 4-byte compressed length, then that many bytes of raw LZ4. Like
    /// Arrow, input that does not parse as such blocks is tried as one raw LZ4 block (early
    /// parquet-cpp wrote that under the same codec id).
    public static func decompressHadoop(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws {
        if try decompressHadoopBlocks(source, into: destination) { return }
        do {
            try decompress(source, into: destination)
        } catch {
            throw FormatError.corrupt("LZ4 (Hadoop) data is corrupt: neither Hadoop-framed blocks nor a raw LZ4 block")
        }
    }

    /// Decodes Hadoop-framed blocks; returns false when the input is not in that framing.
    private static func decompressHadoopBlocks(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws -> Bool {
        func bigEndian(_ at: Int) -> Int {
            (0..<4).reduce(0) { $0 << 8 | Int(source[at + $1]) }
        }
        var at = 0
        var written = 0
        while source.count - at >= 8 {
            let expanded = bigEndian(at)
            let compressed = bigEndian(at + 4)
            at += 8
            guard compressed <= source.count - at, expanded <= destination.count - written else { return false }
            let src = UnsafeRawBufferPointer(rebasing: source[at..<(at + compressed)])
            let dst = UnsafeMutableRawBufferPointer(rebasing: destination[written..<(written + expanded)])
            do {
                try decompress(src, into: dst)
            } catch let error as FormatError where error.code == .corrupt {
                return false
            }
            at += compressed
            written += expanded
        }
        return at == source.count && written == destination.count
    }

    /// Frames `bytes` the Hadoop way (one block per `blockSize` input bytes), as parquet-mr's
    /// LZ4 codec did. SwiftLake never writes this codec; tests use it to build legacy files.
    public static func compressHadoop(_ bytes: [UInt8], blockSize: Int = 1 << 18) throws -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start + max(1, blockSize))
            let block = try compress(Array(bytes[start..<end]))
            for value in [end - start, block.count] {
                out += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
            }
            out += block
            start = end
        } while start < bytes.count
        return out
    }
}
